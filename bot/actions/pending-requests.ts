import { listJoinRequests } from "../../api/domain/join-requests/list-join-requests.js";
import type { Store } from "../../api/store/store.js";
import { LISTED_ON_A_CARD, requestListCard } from "../cards/request-card.js";
import type { ActivityActor } from "./activity-actor.js";

/** The `pending` command: the admin's organization's pending requests, with buttons. */
export async function pendingRequestsReply(input: { store: Store; now: Date; actor: ActivityActor | { refused: string } }): Promise<{ card: Record<string, unknown> } | { message: string }> {
  if ("refused" in input.actor) return { message: input.actor.refused };
  const { User, Membership, Organization } = input.store.models;
  const user = await User.findOne({ where: { tid: input.actor.tid, oid: input.actor.oid }, attributes: ["id"], raw: true });
  const membership = user ? await Membership.findOne({ where: { userId: user.id }, raw: true }) : null;
  if (!membership?.isAdmin) return { message: "Only organization admins review requests to join." };
  const organization = await Organization.findByPk(membership.organizationId, { attributes: ["name"], raw: true });
  const page = await listJoinRequests({ store: input.store, organizationId: membership.organizationId, now: input.now, status: "pending", limit: LISTED_ON_A_CARD });
  if (page.items.length === 0) return { message: `No requests are waiting for ${organization?.name ?? "your organization"}.` };
  const total = page.total ?? page.items.length;
  return { card: requestListCard(`${total} waiting to join ${organization?.name ?? "your organization"}`, page.items, total) };
}
