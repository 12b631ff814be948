/** Answers Teams asks to be retried (docs/spec.md §7); anything else (403 bot removed, 404) will not get better. */
const RETRIABLE = new Set([429, 412, 502, 504]);

export function isRetriable(status: number | undefined): boolean {
  // No status: the request never got an answer (network error, timeout) — worth another try.
  return status === undefined || RETRIABLE.has(status);
}

/**
 * Exponential backoff with full jitter, never sooner than the channel's Retry-After. Jitter keeps
 * several instances that failed together from retrying together.
 */
export function retryDelayMs(input: { attempts: number; retryAfterMs?: number; baseMs: number; maxMs: number; random?: () => number }): number {
  const random = input.random ?? Math.random;
  const exponential = Math.min(input.maxMs, input.baseMs * 2 ** input.attempts);
  const jittered = exponential / 2 + random() * (exponential / 2);
  return Math.max(input.retryAfterMs ?? 0, Math.round(jittered));
}
