import { decodeJwt } from "jose";
import type { Identity } from "./identity.js";
import type { TokenVerifier } from "./verify-token.js";

export interface VerifiedTokenCacheOptions {
  /** How many distinct tokens to remember (least recently used go first). */
  maxEntries?: number;
  /** A verified token is trusted again without checking for at most this long (and never past its exp). */
  maxAgeMs?: number;
  now?: () => number;
}

/**
 * Remembers tokens that verified, so the tab's many calls with one token (valid for about an hour) pay
 * the RS256 check once. Only exact token strings hit: a token differing in any byte is verified afresh,
 * and failures are never cached, so a rotated key or a fixed clock is seen at once. The short maxAge
 * bounds how long a token keeps working after its signing key disappears from the JWKS.
 */
export function cacheVerifiedTokens(verify: TokenVerifier, options: VerifiedTokenCacheOptions = {}): TokenVerifier {
  const maxEntries = options.maxEntries ?? 10_000;
  const maxAgeMs = options.maxAgeMs ?? 5 * 60 * 1000;
  const now = options.now ?? Date.now;
  const verified = new Map<string, { identity: Identity; until: number }>();

  return async (header, clientAddress) => {
    const key = header ?? "";
    const hit = verified.get(key);
    if (hit && hit.until > now()) {
      // Re-inserting keeps the Map in least-recently-used order.
      verified.delete(key);
      verified.set(key, hit);
      return hit.identity;
    }
    if (hit) verified.delete(key);
    const identity = await verify(header, clientAddress);
    const exp = decodeJwt(identity.token).exp;
    const until = Math.min(now() + maxAgeMs, typeof exp === "number" ? exp * 1000 : 0);
    if (until > now()) {
      verified.set(key, { identity, until });
      if (verified.size > maxEntries) verified.delete(verified.keys().next().value!);
    }
    return identity;
  };
}
