import type { Store } from "../../store/store.js";
import { isUniqueViolation } from "../../store/store.js";

export interface SaveConversationReferenceInput {
  store: Store;
  tid: string;
  oid: string;
  conversationId: string;
  serviceUrl: string;
  reference: unknown;
}

/**
 * Remembers where to reach a person (docs/spec.md §7), keyed by (tid, oid) under a unique constraint: a
 * repeated or concurrent install updates the one row instead of adding another.
 */
export async function saveConversationReference(input: SaveConversationReferenceInput): Promise<void> {
  const { ConversationRef } = input.store.models;
  const values = { conversationId: input.conversationId, serviceUrl: input.serviceUrl, reference: input.reference };
  const where = { tid: input.tid, oid: input.oid };
  const [updated] = await ConversationRef.update(values, { where });
  if (updated > 0) return;
  try {
    await ConversationRef.create({ ...where, ...values });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    await ConversationRef.update(values, { where });
  }
}
