/**
 * Teams' bot limits (docs/spec.md §7): 7 messages per second per conversation and 50 per second per tenant.
 * Teams enforces them per bot app, while these buckets live in one instance. Several instances share
 * them through the claim size: each claims at most one second's worth for a tenant per batch
 * (batchSize = 50), and a 429 that still gets through is retried with its Retry-After.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(private readonly perSecond: number, private readonly now: () => number = Date.now) {
    this.tokens = perSecond;
    this.last = now();
  }

  /** Milliseconds until a token is free; takes it when it is (0). */
  take(): number {
    const now = this.now();
    this.tokens = Math.min(this.perSecond, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 0;
    }
    return Math.ceil(((1 - this.tokens) / this.perSecond) * 1000);
  }
}

export class ChannelRateLimiter {
  private readonly conversations = new Map<string, TokenBucket>();
  private readonly tenants = new Map<string, TokenBucket>();

  constructor(private readonly limits = { perConversation: 7, perTenant: 50 }) {}

  /** Waits until both the conversation and its tenant may take one more message. */
  async acquire(tid: string, conversationId: string): Promise<void> {
    const conversation = this.bucket(this.conversations, conversationId, this.limits.perConversation);
    const tenant = this.bucket(this.tenants, tid, this.limits.perTenant);
    for (;;) {
      const wait = conversation.take();
      if (wait > 0) {
        await sleep(wait);
        continue;
      }
      const tenantWait = tenant.take();
      if (tenantWait === 0) return;
      await sleep(tenantWait);
    }
  }

  private bucket(map: Map<string, TokenBucket>, key: string, perSecond: number): TokenBucket {
    let bucket = map.get(key);
    if (!bucket) {
      bucket = new TokenBucket(perSecond);
      map.set(key, bucket);
    }
    return bucket;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
