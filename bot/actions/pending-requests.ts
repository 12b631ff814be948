import { recordCardDelivery, type CardDeliveryInput } from "../../api/domain/conversations/card-deliveries.js";
import { pendingForAdmin } from "../../api/domain/join-requests/pending-for-admin.js";
import type { Store } from "../../api/store/store.js";
import { LISTED_ON_A_CARD, requestListCard } from "../cards/request-card.js";
import type { ActivityActor } from "./activity-actor.js";

export type PendingReply =
  | { message: string }
  | { card: Record<string, unknown>; summary: string; delivery: Omit<CardDeliveryInput, "conversationId" | "activityId"> };

/** The `pending` command: how many wait, and the first of them with buttons (docs/spec.md §6, §7). */
export async function pendingRequestsReply(input: { store: Store; now: () => Date; actor: ActivityActor | { refused: string }; userMri?: string }): Promise<PendingReply> {
  if ("refused" in input.actor) return { message: input.actor.refused };
  const pending = await pendingForAdmin(input, { identity: input.actor, limit: LISTED_ON_A_CARD });
  if (!pending) return { message: "Only organization admins review requests to join." };
  const { organization, organizationId, page } = pending;
  const name = organization.name;
  if (page.items.length === 0) return { message: `No requests are waiting for ${name}.` };
  const total = page.total ?? page.items.length;
  return {
    card: requestListCard(organization, page.items, total, { userMri: input.userMri }),
    summary: `${total} waiting to join ${name}`,
    delivery: { joinRequestIds: page.items.map((r) => r.id), organizationId, tid: input.actor.tid, oid: input.actor.oid, cardKind: "digest" },
  };
}

/** Records the `pending` card like an outbox card, so a decision updates this copy too. */
export async function rememberListCard(store: Store, delivery: CardDeliveryInput): Promise<void> {
  await store.transaction((transaction) => recordCardDelivery(store, delivery, transaction));
}
