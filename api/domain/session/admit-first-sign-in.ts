import type { RateLimits } from "../../config.js";
import { tooManyRequests } from "../../errors.js";
import { hitWindow } from "../../store/rate-limit-windows.js";
import type { Store } from "../../store/store.js";

export interface AdmitFirstSignInDeps {
  store: Store;
  now: () => Date;
  limits: RateLimits;
}

/**
 * docs/spec.md §9: a first sign-in is the expensive one (on-behalf-of, Graph, a write), so it is what a tenant
 * is limited on, counted in the database every instance shares: N instances allow the limit, not N
 * times it. Returning members never get here. Throws a 429 problem with Retry-After when over.
 */
export async function admitFirstSignIn(deps: AdmitFirstSignInDeps, tid: string): Promise<void> {
  const windowMs = deps.limits.windowSeconds * 1000;
  const now = deps.now().getTime();
  const { hits, endsAt } = await hitWindow(deps.store.sequelize, `first-sign-in:${tid}`, windowMs, now);
  if (hits <= deps.limits.firstSignInsPerTenant) return;
  const retryAfter = Math.max(1, Math.ceil((endsAt - now) / 1000));
  throw tooManyRequests(retryAfter, "Many people from your school are signing in for the first time right now; try again shortly.");
}
