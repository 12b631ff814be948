/**
 * Teams' limits on what a bot sends (Microsoft Learn, "Rate limiting for bots/agents"): per bot per thread
 * 7 operations in 1 s, 8 in 2 s, 60 in 30 s and 1,800 in an hour; and a global limit per app per tenant of
 * 50 requests per second. Over a limit Teams answers 429 with error code `Throttled` and a Retry-After;
 * so does the sandbox, so a bot that paces itself here paces itself in a real tenant.
 */
export const THREAD_WINDOWS = [
  { ms: 1_000, max: 7 },
  { ms: 2_000, max: 8 },
  { ms: 30_000, max: 60 },
  { ms: 3_600_000, max: 1_800 },
] as const;
export const TENANT_WINDOW = { ms: 1_000, max: 50 } as const;

/** What one tenant's bot traffic looked like, for tests and benchmarks (`GET /sandbox/connector/traffic`). */
export interface TenantTraffic {
  tid: string;
  /** Calls the connector accepted, and refused with 429. */
  accepted: number;
  throttled: number;
  /** The most calls accepted within any one second (sliding): never above 50. */
  maxPerSecond: number;
  /** Accepted calls per second between the first and the last accepted call. */
  perSecond: number;
  firstAt: string | null;
  lastAt: string | null;
}

/** Accepted calls' times, oldest first; older than the longest window they are dropped. */
class CallLog {
  readonly times: number[] = [];

  countSince(since: number): number {
    let lo = 0;
    let hi = this.times.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.times[mid]! > since) hi = mid;
      else lo = mid + 1;
    }
    return this.times.length - lo;
  }

  /** Milliseconds until a call would fit every window, or 0 when it fits now. */
  wait(now: number, windows: ReadonlyArray<{ ms: number; max: number }>): number {
    let wait = 0;
    for (const { ms, max } of windows) {
      const inWindow = this.countSince(now - ms);
      // The call that must leave the window first is the max-th newest.
      if (inWindow >= max) wait = Math.max(wait, this.times[this.times.length - max]! + ms - now);
    }
    return wait;
  }

  add(now: number, keepMs: number): void {
    this.times.push(now);
    let drop = 0;
    while (drop < this.times.length && this.times[drop]! <= now - keepMs) drop++;
    if (drop) this.times.splice(0, drop);
  }
}

interface TenantStats { accepted: number; throttled: number; maxPerSecond: number; first: number; last: number }

export class ConnectorRateLimits {
  private readonly threads = new Map<string, CallLog>();
  private readonly tenants = new Map<string, CallLog>();
  private readonly stats = new Map<string, TenantStats>();
  /** Wall-clock time of `now() === 0`, to report times people can read. */
  private readonly origin = Date.now() - performance.now();

  constructor(private readonly now: () => number = () => performance.now()) {}

  /** Counts one bot call in this thread and tenant, or answers how many seconds to wait (Retry-After). */
  admit(tid: string, conversationId: string): { ok: true } | { ok: false; retryAfterSeconds: number } {
    const now = this.now();
    const thread = this.log(this.threads, conversationId);
    const tenant = this.log(this.tenants, tid);
    const stats = this.statsOf(tid);
    const wait = Math.max(thread.wait(now, THREAD_WINDOWS), tenant.wait(now, [TENANT_WINDOW]));
    if (wait > 0) {
      stats.throttled += 1;
      // Whole seconds, as Teams sends them; never 0, which would invite an immediate retry.
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(wait / 1000)) };
    }
    thread.add(now, THREAD_WINDOWS[THREAD_WINDOWS.length - 1]!.ms);
    tenant.add(now, TENANT_WINDOW.ms);
    stats.accepted += 1;
    stats.maxPerSecond = Math.max(stats.maxPerSecond, tenant.countSince(now - TENANT_WINDOW.ms));
    if (stats.accepted === 1) stats.first = now;
    stats.last = now;
    return { ok: true };
  }

  traffic(): TenantTraffic[] {
    return [...this.stats.entries()].map(([tid, s]) => {
      const seconds = (s.last - s.first) / 1000;
      return {
        tid,
        accepted: s.accepted,
        throttled: s.throttled,
        maxPerSecond: s.maxPerSecond,
        perSecond: s.accepted > 1 && seconds > 0 ? Math.round(((s.accepted - 1) / seconds) * 10) / 10 : 0,
        firstAt: s.accepted ? new Date(this.origin + s.first).toISOString() : null,
        lastAt: s.accepted ? new Date(this.origin + s.last).toISOString() : null,
      };
    });
  }

  /** Forgets the statistics (not the windows: Teams does not forget what was just sent). */
  resetTraffic(): void {
    this.stats.clear();
  }

  private log(map: Map<string, CallLog>, key: string): CallLog {
    let log = map.get(key);
    if (!log) {
      log = new CallLog();
      map.set(key, log);
    }
    return log;
  }

  private statsOf(tid: string): TenantStats {
    let stats = this.stats.get(tid);
    if (!stats) {
      stats = { accepted: 0, throttled: 0, maxPerSecond: 0, first: 0, last: 0 };
      this.stats.set(tid, stats);
    }
    return stats;
  }
}
