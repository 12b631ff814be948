import { Op } from "sequelize";
import type { JoinRequestItem } from "../../../contract/requests.js";
import type { OrganizationKind } from "../../../contract/vocabulary.js";
import type { CommandContext } from "../command-context.js";
import { presentJoinRequests } from "./present-join-request.js";

export interface RequestViews {
  organizationId: string;
  organization: { name: string; kind: OrganizationKind };
  /** In the order asked for; requests that no longer exist are left out. */
  requests: JoinRequestItem[];
}

/** Reads requests as they are now, so every card (new, refreshed, digest) shows the current truth. */
export async function loadRequestViews(ctx: CommandContext<"store" | "now">, input: { requestIds: string[] }): Promise<RequestViews | null> {
  const now = ctx.now();
  const { store } = ctx;
  const { requestIds } = input;
  const rows = await store.models.JoinRequest.findAll({ where: { id: { [Op.in]: requestIds } }, raw: true });
  // The first id asked for names the organization (callers authorise against it); a card only
  // ever lists one organization's requests, so anything else in the ids is left out.
  const first = requestIds.map((id) => rows.find((r) => r.id === id)).find((r) => r !== undefined);
  if (!first) return null;
  const organization = await store.models.Organization.findByPk(first.organizationId, { attributes: ["id", "name", "kind"], raw: true });
  const sameOrganization = rows.filter((r) => r.organizationId === first.organizationId);
  const items = await presentJoinRequests(store.models, sameOrganization, now);
  const byId = new Map(items.map((i) => [i.id, i]));
  return {
    organizationId: first.organizationId,
    organization: { name: organization?.name ?? "your organization", kind: organization?.kind ?? "school" },
    requests: requestIds.map((id) => byId.get(id)).filter((i): i is JoinRequestItem => Boolean(i)),
  };
}
