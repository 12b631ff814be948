import { ChannelCallFailed } from "../adapter.js";
import type { WorkerContext } from "./worker-context.js";

/**
 * Every call the outbox makes to Teams goes through here: it waits for the conversation's and tenant's
 * slot (rate-limiter.ts), and a 429 makes the limiter hold both off for Retry-After before the error
 * goes back to the worker, which reschedules the row no sooner than that (retry-policy.ts).
 */
export async function paced<T>(ctx: WorkerContext, target: { tid: string; conversationId: string }, call: () => Promise<T>): Promise<T> {
  await ctx.limiter.acquire(target.tid, target.conversationId);
  try {
    return await call();
  } catch (error) {
    if (error instanceof ChannelCallFailed && error.status === 429) ctx.limiter.holdOff(target.tid, target.conversationId, error.retryAfterMs ?? 1_000);
    throw error;
  }
}
