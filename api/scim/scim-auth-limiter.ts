import type { RateLimits } from "../config.js";
import { scimProblem } from "../domain/provisioning/scim-problems.js";

/**
 * Failed provisioning secrets per client address, with the same environment limits as failed sign-in
 * tokens (docs/spec.md §9). A secret is 256 random bits, so this only blunts floods; successful requests never
 * count, so a whole provisioning cycle runs unthrottled. Kept in this instance's memory, like the
 * token limit, so an attacker's cheapest request never costs a database write.
 */
export function failedSecretLimiter(limits: Pick<RateLimits, "windowSeconds" | "failedTokensPerAddress">, now: () => number = Date.now, maxAddresses = 50_000) {
  const windowMs = limits.windowSeconds * 1000;
  const failures = new Map<string, { window: number; count: number }>();
  const current = (address: string, window: number) => {
    const entry = failures.get(address);
    return entry && entry.window === window ? entry.count : 0;
  };
  return {
    /** Before authenticating: an address that used up its failures this window is refused with 429. */
    check(address: string): void {
      const at = now();
      const window = Math.floor(at / windowMs);
      if (current(address, window) < limits.failedTokensPerAddress) return;
      const problem = scimProblem(429, null, "Too many failed authentications from this address; try again later.");
      Object.assign(problem.headers, { "Retry-After": String(Math.max(1, Math.ceil(((window + 1) * windowMs - at) / 1000))) });
      throw problem;
    },
    /** After a 401: counts it for the address. */
    failed(address: string): void {
      const window = Math.floor(now() / windowMs);
      const count = current(address, window) + 1;
      failures.delete(address);
      failures.set(address, { window, count });
      if (failures.size > maxAddresses) failures.delete(failures.keys().next().value!);
    },
  };
}
