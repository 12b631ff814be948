import { TokenBuckets } from "../http/rate-limit.js";
import { scimProblem } from "../domain/provisioning/scim-problems.js";

/**
 * Failed authentications per client address (a guessed secret is 256 bits, so this only blunts
 * floods). Successful requests never take a token: a whole provisioning cycle runs unthrottled.
 */
export function failedAuthLimiter(perMinute: number, now: () => number = Date.now) {
  const buckets = new TokenBuckets(perMinute, now);
  const blockedUntil = new Map<string, number>();
  const refuse = (seconds: number) => {
    const problem = scimProblem(429, null, "Too many failed authentications from this address; try again later.");
    Object.assign(problem.headers, { "Retry-After": String(seconds) });
    return problem;
  };
  return {
    /** Before authenticating: an address that used up its failures waits. */
    check(address: string): void {
      const until = blockedUntil.get(address);
      if (until === undefined) return;
      const left = until - now();
      if (left <= 0) blockedUntil.delete(address);
      else throw refuse(Math.ceil(left / 1000));
    },
    /** After a failure: counts it, and answers 429 instead of 401 once the address is over its limit. */
    failed(address: string): void {
      const wait = buckets.take(address);
      if (wait > 0) {
        blockedUntil.set(address, now() + wait * 1000);
        if (blockedUntil.size > 50_000) blockedUntil.delete(blockedUntil.keys().next().value!);
        throw refuse(wait);
      }
    },
  };
}
