import type { AppOnlyProbe } from "../../auth/app-only-probe.js";
import type { Logger } from "../../log.js";
import type { Store } from "../../store/store.js";
import { checkConsentHealth } from "./check-consent-health.js";

/**
 * Checks every active link's consent on a schedule, so a revoked consent is noticed even when no admin
 * opens Settings and nobody new signs in. Each instance runs it; the claim on each link's check time
 * keeps it to one check per tenant per interval across instances.
 */
export function startConsentHealthSchedule(deps: { store: Store; log: Logger; probe: AppOnlyProbe; now: () => Date }, everyMs: number): { stop(): Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = checkConsentHealth(deps, { maxAgeMs: everyMs }).catch((error: unknown) =>
      deps.log.error({ err: error }, "scheduled consent health check failed"),
    );
  }, everyMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
