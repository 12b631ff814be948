import { Op } from "sequelize";
import type { JoinRequestItem } from "../contract/requests.js";
import { presentJoinRequests } from "../api/domain/join-requests/present-join-request.js";
import type { Store } from "../api/store/store.js";

export interface RequestViews {
  organizationId: string;
  organizationName: string;
  /** In the order asked for; requests that no longer exist are left out. */
  requests: JoinRequestItem[];
}

/** Reads requests as they are now, so every card (new, refreshed, digest) shows the current truth. */
export async function loadRequestViews(store: Store, requestIds: string[], now: Date): Promise<RequestViews | null> {
  const rows = await store.models.JoinRequest.findAll({ where: { id: { [Op.in]: requestIds } }, raw: true });
  if (rows.length === 0) return null;
  const organization = await store.models.Organization.findByPk(rows[0]!.organizationId, { attributes: ["id", "name"], raw: true });
  const items = await presentJoinRequests(store.models, rows, now);
  const byId = new Map(items.map((i) => [i.id, i]));
  return {
    organizationId: rows[0]!.organizationId,
    organizationName: organization?.name ?? "your organization",
    requests: requestIds.map((id) => byId.get(id)).filter((i): i is JoinRequestItem => Boolean(i)),
  };
}
