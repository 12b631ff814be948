import { randomBytes } from "node:crypto";
import type { Persona } from "../fixtures/types.js";
import type { ParsedScopes } from "./scopes.js";

const CODE_LIFETIME_MS = 10 * 60 * 1000;

export interface AuthorizationCode {
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  scopes: ParsedScopes;
  persona: Persona;
  nonce: string | undefined;
  expiresAt: number;
  redeemed: boolean;
}

/** Issued authorization codes, in memory: they live ten minutes, so a restart losing them is fine. */
export class AuthorizationCodes {
  private readonly codes = new Map<string, AuthorizationCode>();

  issue(grant: Omit<AuthorizationCode, "expiresAt" | "redeemed">): string {
    this.sweep();
    const code = `1.sandbox.${randomBytes(48).toString("base64url")}`;
    this.codes.set(code, { ...grant, expiresAt: Date.now() + CODE_LIFETIME_MS, redeemed: false });
    return code;
  }

  find(code: string): AuthorizationCode | undefined {
    return this.codes.get(code);
  }

  private sweep(): void {
    // Keep redeemed codes until they expire, so a replay gets "already redeemed" rather than "unknown".
    const now = Date.now();
    for (const [code, grant] of this.codes) if (grant.expiresAt < now) this.codes.delete(code);
  }
}
