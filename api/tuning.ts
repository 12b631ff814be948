/** Test and operator tuning of the API and the bot's outbox worker; production uses the defaults. */
export interface ApiTuning {
  jwksCooldownMs: number;
  /** Total time account-type detection may spend on Graph (docs/spec.md §5: about 3 s). */
  graphBudgetMs: number;
  /** The bot's outbox worker (docs/spec.md §7). */
  outbox: OutboxTuning;
  /** After a rejection, how long before the person may ask again (JOIN_REQUEST_COOLDOWN_DAYS). */
  rejectionCooldownMs: number;
  /** Consent health (docs/spec.md §3.8): a tenant is checked at most once per `settingsMaxAgeMs` when Settings opens, and on a schedule. */
  consentHealth: { settingsMaxAgeMs: number; scheduleEveryMs: number };
}

export interface OutboxTuning {
  /** Off for an instance that must not send (tests that play a second, idle instance). */
  enabled: boolean;
  pollMs: number;
  /**
   * Rows claimed at once. The rate limiter, not the batch, keeps Teams' limits; a larger batch coalesces
   * more decisions into one replacement of each admin's card (at most about 9 s of sending at 47/s, well inside the lease).
   */
  batchSize: number;
  /** How long a claim lasts; a crashed worker's rows become due again after it. */
  leaseMs: number;
  /** New-request cards wait this long, so a burst for one admin can become one digest card. */
  burstWindowMs: number;
  /** More unsent cards than this for one admin become a digest. */
  digestThreshold: number;
  maxAttempts: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** Messages a second to one tenant: under Teams' 50 per app per tenant (bot/outbox/rate-limiter.ts). */
  perTenantPerSecond: number;
  /** Calls to Teams in flight at once; each waits ~100–300 ms on Teams, so one at a time cannot reach the rate. */
  concurrency: number;
  /** Off only in tests that drive Teams' limits on purpose: then only 429s and their Retry-After slow the outbox. */
  pace: boolean;
  /**
   * PostgreSQL: pace each tenant across every instance through the database (api/store/tenant-send-slots.ts).
   * Off only in tests that show what instances pacing alone do; SQLite never shares (one instance).
   */
  sharedPace: boolean;
}

export const DEFAULT_OUTBOX_TUNING: OutboxTuning = {
  enabled: true,
  pollMs: 500,
  batchSize: 400,
  leaseMs: 60_000,
  burstWindowMs: 2_000,
  digestThreshold: 3,
  maxAttempts: 8,
  backoffBaseMs: 1_000,
  backoffMaxMs: 5 * 60_000,
  perTenantPerSecond: 47,
  concurrency: 16,
  pace: true,
  sharedPace: true,
};

export const DEFAULT_TUNING: ApiTuning = {
  jwksCooldownMs: 30_000,
  graphBudgetMs: 3_000,
  outbox: DEFAULT_OUTBOX_TUNING,
  rejectionCooldownMs: 7 * 24 * 60 * 60 * 1000,
  consentHealth: { settingsMaxAgeMs: 5 * 60_000, scheduleEveryMs: 6 * 60 * 60_000 },
};
