import { conversationReference } from "../../api/domain/conversations/admin-conversations.js";
import type { CardToUpdate } from "../../api/domain/conversations/card-deliveries.js";
import { asAttachment, requestCard, requestListCard } from "../cards/request-card.js";
import { loadRequestViews } from "../../api/domain/join-requests/load-request-views.js";
import { paced } from "./paced.js";
import { userMriOf } from "./user-mri.js";
import type { WorkerContext } from "./worker-context.js";

/**
 * `join_request.decided`: one admin's copy of a card (single or digest) re-rendered from the store and
 * replaced, so it shows who decided. Idempotent, so a retry after a partial failure simply replaces it again.
 */
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
