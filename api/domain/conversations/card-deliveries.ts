import type { Transaction } from "sequelize";
import type { CardDeliveryRow } from "../../store/models.js";
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

/** Every message that shows this request, with (for digests) the other requests on the same card. */
export async function cardsShowingRequest(store: Store, joinRequestId: string): Promise<Array<CardDeliveryRow & { requestIds: string[] }>> {
  const { CardDelivery } = store.models;
  const deliveries = await CardDelivery.findAll({ where: { joinRequestId }, raw: true });
  const result: Array<CardDeliveryRow & { requestIds: string[] }> = [];
  for (const delivery of deliveries) {
    const sameCard = delivery.cardKind === "digest"
      ? await CardDelivery.findAll({ where: { conversationId: delivery.conversationId, activityId: delivery.activityId }, attributes: ["joinRequestId"], order: [["createdAt", "ASC"]], raw: true })
      : [{ joinRequestId }];
    result.push({ ...delivery, requestIds: sameCard.map((d) => d.joinRequestId) });
  }
  return result;
}
