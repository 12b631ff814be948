import { Op } from "sequelize";
import { adminConversations } from "../conversations/admin-conversations.js";
import type { CommandContext } from "../command-context.js";
import { completeNotifications } from "./settle-outbox.js";

/** One card for one admin; the worker turns a burst of these for one admin into a digest. */
export const CARD_SEND = "card.send";
export interface CardSendPayload { organizationId: string; requestId: string; tid: string; oid: string }

/**
 * `join_request.created` → one `card.send` row per admin who has the bot installed, written in the
 * same transaction that marks the parent sent. Dedupe keys make a re-run (after a crash) a no-op.
 */
export async function fanOutRequestCards(
  ctx: CommandContext<"store" | "now">,
  input: { outboxId: string; claimToken: string; payload: { organizationId: string; requestId: string }; availableAt: Date },
): Promise<number> {
  const now = ctx.now();
  const { store } = ctx;
  const { payload } = input;
  const { Outbox } = store.models;
  return store.transaction(async (transaction) => {
    const admins = await adminConversations(store, payload.organizationId, transaction);
    let created = 0;
    for (const admin of admins) {
      const dedupeKey = `${CARD_SEND}:${payload.requestId}:${admin.tid}:${admin.oid}`;
      if (await Outbox.findOne({ where: { dedupeKey }, attributes: ["id"], transaction })) continue;
      const card: CardSendPayload = { ...payload, tid: admin.tid, oid: admin.oid };
      await Outbox.create(
        { kind: CARD_SEND, payload: card, status: "pending", availableAt: input.availableAt, dedupeKey, tid: admin.tid, conversationId: admin.conversationId },
        { transaction },
      );
      created += 1;
      // Debounce: while requests keep arriving, this admin's waiting cards wait with the newest,
      // so a burst goes out as one digest. Rows older than three windows are not held back again,
      // so a steady stream still gets delivered.
      await Outbox.update(
        { availableAt: input.availableAt },
        {
          where: {
            kind: CARD_SEND,
            conversationId: admin.conversationId,
            status: "pending",
            claimedBy: null,
            createdAt: { [Op.gte]: new Date(now.getTime() - 3 * (input.availableAt.getTime() - now.getTime())) },
          },
          transaction,
        },
      );
    }
    // The parent is marked sent at the same instant the debounce above was measured from.
    await completeNotifications({ store, now: () => now }, { ids: [input.outboxId], claimToken: input.claimToken, transaction });
    return created;
  });
}
