import { Problem, tooManyRequests } from "../errors.js";
import type { TokenVerifier } from "./verify-token.js";

export interface FailedTokenLimitOptions {
  /** Failed verifications an address may have per window before it is refused unverified. */
  perWindow: number;
  windowMs: number;
  now?: () => number;
  /** Addresses remembered at once (least recently failed go first). */
  maxAddresses?: number;
}

/**
 * docs/spec.md §9: invalid tokens are limited per client address. Verifying costs an RS256 check and, for an
 * unknown key id, a JWKS fetch, so an address that keeps sending bad tokens is answered 429 before
 * verification until its window ends. Only failures count: a school behind one NAT address whose
 * people send valid tokens is never slowed. Kept in this instance's memory: a flood is blunted per
 * instance, and a shared count would put a database write on the attacker's cheapest request.
 * Placed behind the verified-token cache, so a token that already verified is never refused here.
 */
export function limitFailedTokens(verify: TokenVerifier, options: FailedTokenLimitOptions): TokenVerifier {
  const now = options.now ?? Date.now;
  const maxAddresses = options.maxAddresses ?? 50_000;
  const failures = new Map<string, { window: number; count: number }>();

  const current = (address: string, window: number) => {
    const entry = failures.get(address);
    return entry && entry.window === window ? entry.count : 0;
  };

  return async (header, clientAddress) => {
    const address = clientAddress ?? "unknown";
    const at = now();
    const window = Math.floor(at / options.windowMs);
    if (current(address, window) >= options.perWindow) {
      throw tooManyRequests(Math.max(1, Math.ceil(((window + 1) * options.windowMs - at) / 1000)), "Too many invalid sign-in tokens from here; try again shortly.");
    }
    try {
      return await verify(header, clientAddress);
    } catch (error) {
      if (error instanceof Problem && error.status === 401) {
        // Re-inserting keeps the Map in least-recently-failed order, so the oldest goes first when full.
        const count = current(address, window) + 1;
        failures.delete(address);
        failures.set(address, { window, count });
        if (failures.size > maxAddresses) failures.delete(failures.keys().next().value!);
      }
      throw error;
    }
  };
}
