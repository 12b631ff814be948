import { conversationReference } from "../../api/domain/conversations/admin-conversations.js";
import { recordCardDelivery } from "../../api/domain/conversations/card-deliveries.js";
import type { CardSendPayload } from "../../api/domain/outbox/fan-out-request-cards.js";
import { completeNotifications } from "../../api/domain/outbox/settle-outbox.js";
import type { OutboxRow } from "../../api/store/models.js";
import { asAttachment, requestCard, requestListCard } from "../cards/request-card.js";
import { loadRequestViews } from "../../api/domain/join-requests/load-request-views.js";
import { paced } from "./paced.js";
import { userMriOf } from "./user-mri.js";
import type { WorkerContext } from "./worker-context.js";

/** Thrown for rows that can never be delivered; the worker marks them failed. */
export class Undeliverable extends Error {}

/**
 * Sends one admin their new-request cards: one card each, or — more than `digestThreshold` at once —
 * one digest card (docs/spec.md §6). Each send is marked sent, with the message id kept for later updates,
 * right after it succeeds, so a crash or restart never sends it again.
 */
export async function sendRequestCards(ctx: WorkerContext, conversationId: string, rows: OutboxRow[]): Promise<void> {
  const { store, transport, claimToken, tuning } = ctx;
  const pace = { tid: "", conversationId };
  const target = await conversationReference(store, conversationId);
  if (!target) throw new Undeliverable("the admin's conversation reference is gone (bot uninstalled)");
  pace.tid = target.tid;
  const byRequest = new Map(rows.map((row) => [(row.payload as CardSendPayload).requestId, row]));
  const views = await loadRequestViews(ctx, { requestIds: [...byRequest.keys()] });
  const pending = views?.requests.filter((r) => r.status === "pending") ?? [];
  // Decided before the card went out: nobody needs a card to decide it any more.
  const stale = rows.filter((row) => !pending.some((r) => r.id === (row.payload as CardSendPayload).requestId));
  await completeNotifications(ctx, { ids: stale.map((r) => r.id), claimToken });
  if (!views || pending.length === 0) return;

  const settle = async (requestIds: string[], activityId: string, cardKind: "request" | "digest") => {
    await store.transaction(async (transaction) => {
      const ids = requestIds.map((id) => byRequest.get(id)!.id);
      await completeNotifications(ctx, { ids, claimToken, transaction });
      await recordCardDelivery(store, { joinRequestIds: requestIds, organizationId: views.organizationId, tid: target.tid, oid: target.oid, conversationId, activityId, cardKind }, transaction);
    });
  };

  if (pending.length > tuning.digestThreshold) {
    const card = requestListCard(views.organization, pending, pending.length, { userMri: userMriOf(target.reference) });
    const activityId = await paced(ctx, pace, () => transport.send(target.reference as never, { type: "message", summary: `${pending.length} requests to join`, attachments: [asAttachment(card)] }));
    await settle(pending.map((r) => r.id), activityId, "digest");
    ctx.log.info({ conversationId, requests: pending.length }, "digest card sent");
    return;
  }
  for (const request of pending) {
    const card = requestCard(request, views.organization, { userMri: userMriOf(target.reference) });
    const activityId = await paced(ctx, pace, () => transport.send(target.reference as never, { type: "message", summary: `${request.user.displayName} asks to join`, attachments: [asAttachment(card)] }));
    await settle([request.id], activityId, "request");
    ctx.log.info({ conversationId, requestId: request.id }, "request card sent");
  }
}
