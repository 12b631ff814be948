import { conversationReference } from "../../api/domain/conversations/admin-conversations.js";
import { cardsShowingRequest } from "../../api/domain/conversations/card-deliveries.js";
import { asAttachment, requestCard, requestListCard } from "../cards/request-card.js";
import { loadRequestViews } from "../../api/domain/join-requests/load-request-views.js";
import { userMriOf } from "./user-mri.js";
import type { WorkerContext } from "./worker-context.js";

/**
 * `join_request.decided`: every admin's copy of the card (single or digest) is re-rendered from the
 * store and replaced, so it shows who decided. Replacing a card is idempotent, so a retry after a
 * partial failure simply replaces them all again.
 */
export async function updateRequestCards(ctx: WorkerContext, requestId: string): Promise<number> {
  const { store, transport, limiter } = ctx;
  let updated = 0;
  for (const delivery of await cardsShowingRequest(store, requestId)) {
    const target = await conversationReference(store, delivery.conversationId);
    const views = await loadRequestViews({ store }, { requestIds: delivery.requestIds, now: ctx.now() });
    if (!target || !views) continue;
    const options = { userMri: userMriOf(target.reference) };
    const card =
      delivery.cardKind === "digest"
        ? requestListCard(views.organization, views.requests, views.requests.length, options)
        : requestCard(views.requests[0]!, views.organization, options);
    await limiter.acquire(target.tid, delivery.conversationId);
    await transport.update(target.reference as never, delivery.activityId, { type: "message", attachments: [asAttachment(card)] });
    updated += 1;
  }
  return updated;
}
