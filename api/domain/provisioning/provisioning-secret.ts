import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * The bearer secret Entra's provisioning service sends: `rlscim_<credential id>_<256 random bits>`.
 * The id lets the server find the one row to compare against, so the comparison itself can be a
 * constant-time one over hashes instead of a database lookup keyed by the secret.
 */
const PREFIX = "rlscim";
const SHAPE = /^rlscim_([0-9a-f]{32})_([A-Za-z0-9_-]{43})$/;

export interface IssuedSecret {
  secret: string;
  hash: string;
  hint: string;
}

const toUuid = (hex: string) => `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;

export const hashSecret = (secret: string) => createHash("sha256").update(secret, "utf8").digest("hex");

/** A new secret for a credential row; only the hash and the last four characters are kept. */
export function issueSecret(credentialId: string): IssuedSecret {
  const secret = `${PREFIX}_${credentialId.replaceAll("-", "").toLowerCase()}_${randomBytes(32).toString("base64url")}`;
  return { secret, hash: hashSecret(secret), hint: secret.slice(-4) };
}

/** The credential id a presented secret names, or null when it cannot be one of ours. */
export function credentialIdOf(secret: string): string | null {
  const match = SHAPE.exec(secret);
  return match ? toUuid(match[1]!) : null;
}

/** Constant-time comparison of a presented secret with the stored hash. */
export function secretMatches(secret: string, storedHash: string): boolean {
  const presented = Buffer.from(hashSecret(secret), "hex");
  const stored = Buffer.from(storedHash, "hex");
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}
