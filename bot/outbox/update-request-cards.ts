import { conversationReference } from "../../api/domain/conversations/admin-conversations.js";
import { cardsShowingRequests, type CardToUpdate } from "../../api/domain/conversations/card-deliveries.js";
import { asAttachment, requestCard, requestListCard } from "../cards/request-card.js";
import { loadRequestViews } from "../../api/domain/join-requests/load-request-views.js";
import { paced } from "./paced.js";
import { userMriOf } from "./user-mri.js";
import type { WorkerContext } from "./worker-context.js";

/**
 * `join_request.decided`: every admin's copy of the card (single or digest) is re-rendered from the store
 * and replaced, so it shows who decided. A batch of decisions is coalesced: each card is replaced once
 * with the current truth, however many of its requests were decided (a bulk approval of 1,000 would
 * otherwise replace each admin's digest 1,000 times, against Teams' 60 a conversation per 30 s).
 */
export async function cardsForDecisions(ctx: WorkerContext, requestIds: string[]): Promise<CardToUpdate[]> {
  return cardsShowingRequests(ctx.store, requestIds);
}

/** Replaces one card; idempotent, so a retry after a partial failure simply replaces it again. */
export async function updateCard(ctx: WorkerContext, card: CardToUpdate): Promise<boolean> {
  const target = await conversationReference(ctx.store, card.conversationId);
  const views = await loadRequestViews(ctx, { requestIds: card.requestIds });
  if (!target || !views) return false;
  const options = { userMri: userMriOf(target.reference) };
  const content =
    card.cardKind === "digest"
      ? requestListCard(views.organization, views.requests, views.requests.length, options)
      : requestCard(views.requests[0]!, views.organization, options);
  await paced(ctx, { tid: target.tid, conversationId: card.conversationId }, () =>
    ctx.transport.update(target.reference as never, card.activityId, { type: "message", attachments: [asAttachment(content)] }),
  );
  return true;
}
