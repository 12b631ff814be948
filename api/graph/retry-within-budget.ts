import { setTimeout as sleep } from "node:timers/promises";
import type { Context, Middleware } from "@microsoft/microsoft-graph-client";

/** Told about each retry (for logs and metrics). */
export type GraphRetryObserver = (event: { status: number; attempt: number; waitMs: number }) => void;

const BASE_BACKOFF_MS = 200;
const MAX_BACKOFF_MS = 2_000;

/** Seconds or an HTTP date, as Graph may send either. */
function retryAfterMs(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

/**
 * docs/spec.md §5: a 429 waits for its Retry-After, a 5xx backs off exponentially with full jitter — but only
 * while the detection's budget lasts. A wait that would end past the deadline is not started: the last
 * response is returned as it is and the type stays unknown.
 */
export function retryWithinBudget(deadline: number, observer?: GraphRetryObserver): Middleware {
  let next: Middleware | undefined;
  return {
    setNext(middleware) {
      next = middleware;
    },
    async execute(context: Context) {
      for (let attempt = 1; ; attempt++) {
        await next!.execute(context);
        const status = context.response?.status ?? 0;
        const retryable = status === 429 || status >= 500;
        if (!retryable) return;
        const backoff = Math.random() * Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** (attempt - 1));
        const waitMs = status === 429 ? (retryAfterMs(context.response!.headers.get("retry-after")) ?? backoff) : backoff;
        // Leave room for the retried request itself; a wait that eats the whole budget is pointless.
        if (Date.now() + waitMs + 50 >= deadline) return;
        observer?.({ status, attempt, waitMs });
        await context.response!.arrayBuffer().catch(() => undefined);
        await sleep(waitMs);
      }
    },
  };
}
