import type { MicrosoftSettings } from "../config.js";
import type { FetchLike } from "../http/https-fetch.js";
import type { Logger } from "../log.js";
import type { Store } from "../store/store.js";
import type { Metrics } from "../metrics/registry.js";

/** What the API's routes and domain commands are built from; main.ts assembles it. */
export interface ApiDeps {
  mode: "sandbox" | "production";
  store: Store;
  log: Logger;
  microsoft: MicrosoftSettings;
  /** The app's public base URL, e.g. https://rosterlink.contoso.com or http://localhost:3978. */
  publicUrl: () => string;
  /** fetch for Microsoft endpoints; in sandbox mode it trusts the sandbox's certificate. */
  fetch: FetchLike;
  /** The sandbox's certificate in sandbox mode (for clients such as msal-node that take a CA, not a fetch). */
  trustedCaPem?: string;
  now: () => Date;
  /** Prometheus metrics served at /api/metrics (SPEC §10). */
  metrics: Metrics;
  /** Test and operator tuning; production uses the defaults. */
  tuning: ApiTuning;
}

export interface ApiTuning {
  jwksCooldownMs: number;
  /** Total time account-type detection may spend on Graph (SPEC §5: about 3 s). */
  graphBudgetMs: number;
  sessionRateLimit: { perAddressPerMinute: number; perTenantPerMinute: number };
  /** SCIM: failed authentications per client address per minute before 429 (api/scim). */
  scimFailedAuthPerMinute: number;
  /** The bot's outbox worker (SPEC §7). */
  outbox: OutboxTuning;
}

export interface OutboxTuning {
  /** Off for an instance that must not send (tests that play a second, idle instance). */
  enabled: boolean;
  pollMs: number;
  /** Rows claimed at once; sized to the per-tenant rate so a batch never outruns Teams' limit. */
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
}

export const DEFAULT_OUTBOX_TUNING: OutboxTuning = {
  enabled: true,
  pollMs: 500,
  batchSize: 50,
  leaseMs: 60_000,
  burstWindowMs: 2_000,
  digestThreshold: 3,
  maxAttempts: 8,
  backoffBaseMs: 1_000,
  backoffMaxMs: 5 * 60_000,
};

export const DEFAULT_TUNING: ApiTuning = {
  jwksCooldownMs: 30_000,
  graphBudgetMs: 3_000,
  // A whole school signing in at 8 a.m. from one NAT address must get through (SPEC §9).
  sessionRateLimit: { perAddressPerMinute: 3_000, perTenantPerMinute: 6_000 },
  scimFailedAuthPerMinute: 30,
  outbox: DEFAULT_OUTBOX_TUNING,
};
