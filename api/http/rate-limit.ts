import { tooManyRequests } from "../errors.js";

/**
 * Token buckets per key, in this process's memory. Each app instance limits on its own, so behind a
 * load balancer with N instances the effective limit is up to N times the configured one — accepted:
 * the limit is there to blunt floods, not to meter, and a shared store would put a write on every sign-in.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly perMs: number;

  constructor(
    /** Bucket size and refill per minute: a burst of a whole minute's allowance is fine. */
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
    private readonly maxKeys = 50_000,
  ) {
    this.perMs = perMinute / 60_000;
  }

  /** Takes a token for `key`; returns 0 when allowed, else the seconds until a token is back. */
  take(key: string): number {
    const now = this.now();
    const bucket = this.buckets.get(key);
    const tokens = bucket ? Math.min(this.perMinute, bucket.tokens + (now - bucket.at) * this.perMs) : this.perMinute;
    if (tokens >= 1) {
      this.remember(key, { tokens: tokens - 1, at: now });
      return 0;
    }
    this.remember(key, { tokens, at: now });
    return Math.max(1, Math.ceil((1 - tokens) / this.perMs / 1000));
  }

  private remember(key: string, bucket: { tokens: number; at: number }): void {
    // Re-inserting keeps the Map in least-recently-used order, so the oldest key goes first when full.
    this.buckets.delete(key);
    this.buckets.set(key, bucket);
    if (this.buckets.size > this.maxKeys) this.buckets.delete(this.buckets.keys().next().value!);
  }
}

export interface SessionRateLimit {
  perAddressPerMinute: number;
  perTenantPerMinute: number;
}

/** SPEC §9: `POST /api/session` per client address and per tenant; a 429 problem with Retry-After. */
export function sessionRateLimiter(limits: SessionRateLimit, now?: () => number) {
  const byAddress = new TokenBuckets(limits.perAddressPerMinute, now);
  const byTenant = new TokenBuckets(limits.perTenantPerMinute, now);
  return (input: { clientAddress: string; tid: string }): void => {
    const wait = byAddress.take(input.clientAddress) || byTenant.take(input.tid);
    if (wait > 0) throw tooManyRequests(wait, "Too many sign-ins from here right now; try again shortly.");
  };
}
