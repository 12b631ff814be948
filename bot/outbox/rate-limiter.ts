/**
 * Teams' bot limits (docs/spec.md §7; Microsoft Learn, "Rate limiting for bots"): per bot per conversation
 * 7 messages in 1 s, 8 in 2 s, 60 in 30 s, 1,800 in an hour; per app per tenant 50 a second. The outbox
 * keeps under them instead of learning them from 429s:
 * - a conversation gets a slot only when all four windows (each a little longer than Teams', for the
 *   network's jitter) have room;
 * - a tenant gets at most `perTenantPerSecond` (47 by default) in any sliding second, never two closer than
 *   1/60 s: a pause between batches is caught up without bursts, so the rate stays ≥ 45 a second, and calls
 *   that arrive at Teams a little bunched still make no second of more than 50.
 * Slots are reserved when asked for, so concurrent senders queue in order instead of racing.
 * The buckets live in one instance. Several instances each pace alone, so together they can exceed a
 * tenant's 50: the 429s that follow carry a Retry-After, and `holdOff` makes this instance wait it out.
 */
export const CONVERSATION_WINDOWS = [
  { ms: 1_000, max: 7 },
  { ms: 2_000, max: 8 },
  { ms: 30_000, max: 60 },
  { ms: 3_600_000, max: 1_800 },
] as const;
/** Added to each conversation window: calls leave here evenly but may arrive at Teams a little closer. */
const JITTER_MS = 150;
/** A tenant's sends are counted per sliding second, at least this far apart (≤ 60 a second while catching up). */
const TENANT_WINDOW_MS = 1_000;
const TENANT_GAP_MS = 1_000 / 60;
const EPS = 1e-6;

export interface PaceLimits {
  perTenantPerSecond: number;
  /** False: no pacing at all, only `holdOff` after a 429 (tests that drive the limits hard). */
  pace?: boolean;
}

interface ConversationPace { times: number[]; notBefore: number }
/** Reserved send times, sorted, at least one interval apart; a later slot never blocks an earlier gap. */
interface TenantPace { slots: number[]; notBefore: number }

export class ChannelRateLimiter {
  private readonly conversations = new Map<string, ConversationPace>();
  private readonly tenants = new Map<string, TenantPace>();

  constructor(
    private readonly limits: PaceLimits = { perTenantPerSecond: 47 },
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Waits for this conversation's and its tenant's next free slot, and takes it. */
  async acquire(tid: string, conversationId: string): Promise<void> {
    const wait = this.reserve(tid, conversationId) - this.now();
    if (wait > 0) await sleep(wait);
  }

  /** After a 429: nothing more to this conversation or its tenant until Retry-After has passed. */
  holdOff(tid: string, conversationId: string, ms: number): void {
    const until = this.now() + ms;
    const conversation = this.conversation(conversationId);
    conversation.notBefore = Math.max(conversation.notBefore, until);
    const tenant = this.tenant(tid);
    tenant.notBefore = Math.max(tenant.notBefore, until);
  }

  /** The time of the slot taken (in `now()`'s clock). */
  reserve(tid: string, conversationId: string): number {
    const now = this.now();
    const conversation = this.conversation(conversationId);
    const tenant = this.tenant(tid);
    const { times } = conversation;
    // Forget what is older than the longest window.
    const horizon = now - CONVERSATION_WINDOWS[CONVERSATION_WINDOWS.length - 1]!.ms - JITTER_MS;
    let drop = 0;
    while (drop < times.length && times[drop]! <= horizon) drop++;
    if (drop) times.splice(0, drop);

    const { slots } = tenant;
    const max = this.limits.perTenantPerSecond;
    while (slots.length && slots[0]! <= now - TENANT_WINDOW_MS) slots.shift();

    if (this.limits.pace === false) return Math.max(now, conversation.notBefore, tenant.notBefore);
    let at = Math.max(now, conversation.notBefore, tenant.notBefore, times[times.length - 1] ?? 0);
    for (let moved = true; moved; ) {
      moved = false;
      // Every conversation window must have room at that time…
      for (const { ms, max } of CONVERSATION_WINDOWS) {
        if (times.length < max) continue;
        const leaves = times[times.length - max]! + ms + JITTER_MS;
        if (leaves > at) at = leaves;
      }
      // …and the tenant a free place: no other send closer than TENANT_GAP_MS, and no second (sliding)
      // holding more than `max` with this one. Slots are kept in order with gaps, so a conversation waiting
      // for its own window does not hold up the tenant's other conversations.
      for (const slot of slots) {
        // EPS: slots one gap apart are computed by adding, so they differ from `at - gap` by rounding.
        if (slot <= at - TENANT_GAP_MS + EPS) continue;
        if (slot >= at + TENANT_GAP_MS - EPS) break;
        at = slot + TENANT_GAP_MS;
        moved = true;
      }
      // Every one-second window containing `at` starts at `at` or at a slot before it (within a second).
      for (let i = lowerBound(slots, at - TENANT_WINDOW_MS + EPS); i < slots.length && slots[i]! <= at; i++) {
        const start = slots[i]!;
        if (lowerBound(slots, start + TENANT_WINDOW_MS + EPS) - i + 1 > max) {
          at = start + TENANT_WINDOW_MS + EPS;
          moved = true;
          break;
        }
      }
      if (!moved && lowerBound(slots, at + TENANT_WINDOW_MS + EPS) - lowerBound(slots, at) + 1 > max) {
        // The window starting at `at` itself is full of later slots: go after them.
        at = slots[lowerBound(slots, at) + max - 1]! + TENANT_GAP_MS;
        moved = true;
      }
    }
    times.push(at);
    slots.splice(lowerBound(slots, at), 0, at);
    return at;
  }

  private conversation(id: string): ConversationPace {
    let pace = this.conversations.get(id);
    if (!pace) {
      pace = { times: [], notBefore: 0 };
      this.conversations.set(id, pace);
    }
    return pace;
  }

  private tenant(tid: string): TenantPace {
    let pace = this.tenants.get(tid);
    if (!pace) {
      pace = { slots: [], notBefore: 0 };
      this.tenants.set(tid, pace);
    }
    return pace;
  }
}

/** The index of the first element ≥ value. */
function lowerBound(sorted: number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
