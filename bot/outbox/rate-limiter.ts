import { TENANT_WINDOW_MS, earliestTenantSlot, lowerBound } from "../../api/store/tenant-pace.js";

/**
 * Teams' bot limits (docs/spec.md §7; Microsoft Learn, "Rate limiting for bots"): per bot per conversation
 * 7 messages in 1 s, 8 in 2 s, 60 in 30 s, 1,800 in an hour; per app per tenant 50 a second. The outbox
 * keeps under them instead of learning them from 429s:
 * - a conversation gets a slot only when all four windows (each a little longer than Teams', for the
 *   network's jitter) have room;
 * - a tenant gets at most `perTenantPerSecond` (47 by default) in any sliding second, never two closer than
 *   1/60 s (api/store/tenant-pace.ts): a pause between batches is caught up without bursts, so the rate
 *   stays ≥ 45 a second, and calls that arrive at Teams a little bunched still make no second of more than 50.
 * Slots are reserved when asked for, so concurrent senders queue in order instead of racing.
 * The buckets live in this instance, and on SQLite (one instance) they are the whole pace. On PostgreSQL
 * several instances may send to one tenant, so the tenant's pace is also shared (`SharedTenantPace`,
 * api/store/tenant-send-slots.ts): after the in-process slot, the send takes the earliest slot at or after it
 * among every instance's, in the database, and goes then; together the instances keep the tenant at ≤ 47 in
 * any second. The conversation windows stay per instance (one chat seldom gets sends from two instances within
 * seconds: its card rows are claimed together). A 429 holds off only this instance for Retry-After (`holdOff`).
 */
export const CONVERSATION_WINDOWS = [
  { ms: 1_000, max: 7 },
  { ms: 2_000, max: 8 },
  { ms: 30_000, max: 60 },
  { ms: 3_600_000, max: 1_800 },
] as const;
/** Added to each conversation window: calls leave here evenly but may arrive at Teams a little closer. */
const JITTER_MS = 150;
/**
 * Shared reservations under way at once per tenant from this instance. Each holds a pooled connection while it
 * waits for the tenant's lock, so more would only queue there and take connections from the API; two keep
 * ~300 reservations a second within reach (a reservation takes ~6 ms), far above the 47 needed.
 */
const SHARED_IN_FLIGHT = 2;

export interface PaceLimits {
  perTenantPerSecond: number;
  /** False: no pacing at all, only `holdOff` after a 429 (tests that drive the limits hard). */
  pace?: boolean;
}

/**
 * Reserves the tenant's send among every instance's, no earlier than `notBeforeMs` from now, and answers how
 * many ms from now (when it answers) the send is due; ≤ 0 when already due.
 */
export type SharedTenantPace = (tid: string, notBeforeMs: number) => Promise<number>;

interface ConversationPace { times: number[]; notBefore: number }
/** Reserved send times, sorted, at least one interval apart; a later slot never blocks an earlier gap. */
interface TenantPace { slots: number[]; notBefore: number }

export class ChannelRateLimiter {
  private readonly conversations = new Map<string, ConversationPace>();
  private readonly tenants = new Map<string, TenantPace>();
  /** With a shared pace: the last reservation under way per conversation (they take turns). */
  private readonly turns = new Map<string, Promise<void>>();
  /** With a shared pace: per tenant, reservations under way and those waiting for one of them to end. */
  private readonly sharedCalls = new Map<string, { running: number; waiting: Array<() => void> }>();

  constructor(
    private readonly limits: PaceLimits = { perTenantPerSecond: 47 },
    private readonly now: () => number = () => performance.now(),
    /** PostgreSQL: the tenant's pace across instances. Absent on SQLite (one instance) and when unpaced. */
    private readonly shared?: SharedTenantPace,
  ) {}

  /** Waits for this conversation's and its tenant's next free slot, and takes it. */
  async acquire(tid: string, conversationId: string): Promise<void> {
    const sendAt = this.shared && this.limits.pace !== false ? await this.reserveShared(tid, conversationId, this.shared) : this.reserve(tid, conversationId);
    const wait = sendAt - this.now();
    if (wait > 0) await sleep(wait);
  }

  /**
   * The in-process slot first (the conversation's windows, this instance's share of the tenant), then the
   * shared tenant slot at or after it; the send goes at the later, so the in-process times are moved there.
   * A conversation's reservations take turns, so the next one counts its windows from where the last send
   * really goes, not from where it was first placed.
   */
  private async reserveShared(tid: string, conversationId: string, shared: SharedTenantPace): Promise<number> {
    const previous = this.turns.get(conversationId);
    let done!: () => void;
    const mine = new Promise<void>((resolve) => (done = resolve));
    const tail = previous ? previous.then(() => mine) : mine;
    this.turns.set(conversationId, tail);
    try {
      if (previous) await previous;
      const at = this.reserve(tid, conversationId);
      const waitMs = await this.limitShared(tid, () => shared(tid, Math.max(0, at - this.now())));
      const sendAt = Math.max(at, this.now() + waitMs);
      if (sendAt > at) this.move(tid, conversationId, at, sendAt);
      return sendAt;
    } finally {
      done();
      if (this.turns.get(conversationId) === tail) this.turns.delete(conversationId);
    }
  }

  private async limitShared<T>(tid: string, call: () => Promise<T>): Promise<T> {
    const calls = entryOf(this.sharedCalls, tid, () => ({ running: 0, waiting: [] as Array<() => void> }));
    if (calls.running >= SHARED_IN_FLIGHT) await new Promise<void>((resolve) => calls.waiting.push(resolve));
    else calls.running += 1;
    try {
      return await call();
    } finally {
      const next = calls.waiting.shift();
      // A waiter takes over this place; the last one out forgets the tenant.
      if (next) next();
      else if (--calls.running === 0) this.sharedCalls.delete(tid);
    }
  }

  /** A reserved send goes later than placed: its conversation and tenant times follow it. */
  private move(tid: string, conversationId: string, from: number, to: number): void {
    const { times } = this.conversation(conversationId);
    const index = times.lastIndexOf(from);
    if (index >= 0) times.splice(index, 1);
    times.splice(lowerBound(times, to), 0, to);
    const { slots } = this.tenant(tid);
    const slot = lowerBound(slots, from);
    if (slots[slot] === from) slots.splice(slot, 1);
    slots.splice(lowerBound(slots, to), 0, to);
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
    const perSecond = this.limits.perTenantPerSecond;
    while (slots.length && slots[0]! <= now - TENANT_WINDOW_MS) slots.shift();

    if (this.limits.pace === false) return Math.max(now, conversation.notBefore, tenant.notBefore);
    // Every conversation window must have room at that time…
    let at = Math.max(now, conversation.notBefore, tenant.notBefore, times[times.length - 1] ?? 0);
    for (const { ms, max } of CONVERSATION_WINDOWS) {
      if (times.length >= max) at = Math.max(at, times[times.length - max]! + ms + JITTER_MS);
    }
    // …and the tenant a free place (tenant-pace.ts). Slots are kept in order with gaps, so a conversation
    // waiting for its own window does not hold up the tenant's other conversations.
    at = earliestTenantSlot(slots, at, perSecond);
    times.push(at);
    slots.splice(lowerBound(slots, at), 0, at);
    return at;
  }

  private conversation(id: string): ConversationPace {
    return entryOf(this.conversations, id, () => ({ times: [], notBefore: 0 }));
  }

  private tenant(tid: string): TenantPace {
    return entryOf(this.tenants, tid, () => ({ slots: [], notBefore: 0 }));
  }
}

/** The map's entry for `key`, made and kept on first use. */
function entryOf<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = make();
    map.set(key, value);
  }
  return value;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
