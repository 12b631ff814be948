import { Op, type Transaction } from "sequelize";
import type { Store } from "../../store/store.js";

export interface CardDeliveryInput {
  joinRequestIds: string[];
  organizationId: string;
  tid: string;
  oid: string;
  conversationId: string;
  activityId: string;
  cardKind: "request" | "digest";
}

/** Records which message carries which requests for this admin, so a decision can update it later. */
export async function recordCardDelivery(store: Store, input: CardDeliveryInput, transaction: Transaction): Promise<void> {
  const { CardDelivery } = store.models;
  for (const joinRequestId of input.joinRequestIds) {
    const where = { joinRequestId, conversationId: input.conversationId, activityId: input.activityId };
    const existing = await CardDelivery.findOne({ where, attributes: ["id"], transaction });
    const values = { organizationId: input.organizationId, tid: input.tid, oid: input.oid, cardKind: input.cardKind };
    if (existing) await CardDelivery.update(values, { where, transaction });
    else await CardDelivery.create({ ...where, ...values }, { transaction });
  }
}

/** One message (a single card or a digest) to re-render, with every request it shows, in card order. */
export interface CardToUpdate { conversationId: string; activityId: string; cardKind: "request" | "digest"; requestIds: string[] }

/**
 * Every message that shows any of these requests, each once: a burst of decisions updates each admin's
 * digest once, not once per decision on it. Two reads, however many requests and cards.
 */
export async function cardsShowingRequests(store: Store, joinRequestIds: string[]): Promise<CardToUpdate[]> {
  const { CardDelivery } = store.models;
  if (joinRequestIds.length === 0) return [];
  const deliveries = await CardDelivery.findAll({ where: { joinRequestId: { [Op.in]: joinRequestIds } }, attributes: ["conversationId", "activityId", "cardKind", "joinRequestId"], raw: true });
  const cards = new Map<string, CardToUpdate>();
  for (const d of deliveries) {
    const key = `${d.conversationId}\n${d.activityId}`;
    if (!cards.has(key)) cards.set(key, { conversationId: d.conversationId, activityId: d.activityId, cardKind: d.cardKind, requestIds: [d.joinRequestId] });
  }
  const digests = [...cards.values()].filter((c) => c.cardKind === "digest");
  if (digests.length) {
    const onDigests = await CardDelivery.findAll({
      where: { [Op.or]: digests.map((c) => ({ conversationId: c.conversationId, activityId: c.activityId })) },
      attributes: ["conversationId", "activityId", "joinRequestId"],
      order: [["createdAt", "ASC"], ["id", "ASC"]],
      raw: true,
    });
    for (const card of digests) card.requestIds = [];
    for (const d of onDigests) cards.get(`${d.conversationId}\n${d.activityId}`)?.requestIds.push(d.joinRequestId);
  }
  return [...cards.values()];
}
