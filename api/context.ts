import type { MicrosoftSettings, RateLimits } from "./config.js";
import type { FetchLike } from "./http/https-fetch.js";
import type { Logger } from "./log.js";
import type { Store } from "./store/store.js";
import type { Metrics } from "./metrics/registry.js";
import type { ApiTuning } from "./tuning.js";

/**
 * What routes, the bot and domain commands are given; main.ts assembles it once. Domain commands take it
 * as their first argument, `(ctx, input)`, and use only what they need.
 */
export interface AppContext {
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
  /** Prometheus metrics served at /api/metrics (docs/spec.md §10). */
  metrics: Metrics;
  /** Rate limits from the environment (docs/spec.md §9). */
  limits: RateLimits;
  /** Test and operator tuning; production uses the defaults. */
  tuning: ApiTuning;
}

export type { ApiTuning, OutboxTuning } from "./tuning.js";
