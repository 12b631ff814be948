import { Op, type Transaction } from "sequelize";
import type { Store } from "../../store/store.js";
import { parsedJson } from "../outbox/claim-outbox.js";

export interface AdminConversation { userId: string; tid: string; oid: string; conversationId: string; reference: unknown }

/** Every admin of the organization who has the bot installed (a stored conversation reference). */
export async function adminConversations(store: Store, organizationId: string, transaction?: Transaction): Promise<AdminConversation[]> {
  const { Membership, User, ConversationRef } = store.models;
  const admins = await Membership.findAll({ where: { organizationId, isAdmin: true }, attributes: ["userId"], raw: true, transaction });
  if (admins.length === 0) return [];
  const users = await User.findAll({ where: { id: { [Op.in]: admins.map((a) => a.userId) } }, attributes: ["id", "tid", "oid"], raw: true, transaction });
  const result: AdminConversation[] = [];
  for (const user of users) {
    const ref = await ConversationRef.findOne({ where: { tid: user.tid, oid: user.oid }, raw: true, transaction });
    if (ref) result.push({ userId: user.id, tid: ref.tid, oid: ref.oid, conversationId: ref.conversationId, reference: parsedJson(ref.reference) });
  }
  return result;
}

/** The stored reference for one conversation (the worker sends through it). */
export async function conversationReference(store: Store, conversationId: string): Promise<{ tid: string; oid: string; reference: unknown } | null> {
  const ref = await store.models.ConversationRef.findOne({ where: { conversationId }, raw: true });
  return ref ? { tid: ref.tid, oid: ref.oid, reference: parsedJson(ref.reference) } : null;
}
