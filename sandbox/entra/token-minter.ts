import { createHash, randomBytes } from "node:crypto";
import { SignJWT, type JWTPayload } from "jose";
import type { Persona } from "../fixtures/types.js";
import { GLOBAL_ADMINISTRATOR_ROLE, TEAMS_CLIENT_ID, USER_ROLE } from "../fixtures/well-known.js";
import type { KeyKind, KeyRing } from "./key-ring.js";

const LIFETIME_SECONDS = 3600;

/** What a delegated access token is for. */
export interface AccessTokenSpec {
  persona: Persona;
  audience: string;
  /** Becomes `scp` (space-separated). */
  scopes: string[];
  /** The client the token was issued to; Teams' client id for tokens Teams' SSO hands to the tab. */
  azp?: string;
  /** Merged over the payload last: lets tests forge an old `exp`, another `iss`, … */
  claims?: Record<string, unknown>;
  signWith?: KeyKind;
  /** Leaves `kid` out of the header (Entra never does): for tests of verifiers that must refuse it. */
  omitKid?: boolean;
}

/** Signs Entra v2-shaped tokens with the sandbox's keys. */
export class TokenMinter {
  constructor(
    private readonly keys: KeyRing,
    /** `{httpsUrl}/{tid}/v2.0` */
    private readonly issuer: (tid: string) => string,
  ) {}

  async accessToken(spec: AccessTokenSpec): Promise<string> {
    const { persona } = spec;
    const payload: JWTPayload = {
      aud: spec.audience,
      iss: this.issuer(persona.tid),
      ...this.times(),
      aio: opaque(48),
      azp: spec.azp ?? TEAMS_CLIENT_ID,
      azpacr: "0",
      ...this.userClaims(persona, spec.audience),
      scp: spec.scopes.join(" "),
      uti: opaque(16),
      ver: "2.0",
      ...spec.claims,
    };
    return this.sign(payload, spec.signWith ?? "organizational", spec.omitKid);
  }

  /** An OpenID Connect id token for the app (authorization code and on-behalf-of answers). */
  async idToken(persona: Persona, clientId: string, nonce?: string): Promise<string> {
    const payload: JWTPayload = {
      aud: clientId,
      iss: this.issuer(persona.tid),
      ...this.times(),
      ...this.userClaims(persona, clientId),
      uti: opaque(16),
      ver: "2.0",
      ...(nonce ? { nonce } : {}),
    };
    return this.sign(payload, "organizational");
  }

  /** An app-only token (client credentials): no user, `idtyp: app`. */
  async appToken(tid: string, clientId: string, audience: string): Promise<string> {
    const payload: JWTPayload = {
      aud: audience,
      iss: this.issuer(tid),
      ...this.times(),
      azp: clientId,
      azpacr: "1",
      idtyp: "app",
      oid: servicePrincipalId(tid, clientId),
      sub: servicePrincipalId(tid, clientId),
      roles: [],
      tid,
      uti: opaque(16),
      ver: "2.0",
    };
    return this.sign(payload, "organizational");
  }

  private times(): { iat: number; nbf: number; exp: number } {
    const now = Math.floor(Date.now() / 1000);
    return { iat: now, nbf: now, exp: now + LIFETIME_SECONDS };
  }

  private userClaims(persona: Persona, audience: string): JWTPayload {
    return {
      ...(persona.guest ? { idp: `https://sts.windows.net/${persona.homeTid}/` } : {}),
      acct: persona.guest ? 1 : 0,
      email: persona.email,
      name: persona.displayName,
      oid: persona.oid,
      preferred_username: persona.upn,
      rh: `1.${opaque(40)}.`,
      // Entra's `sub` is pairwise: the same user has a different `sub` for each app.
      sub: createHash("sha256").update(`${persona.oid}|${audience}`).digest("base64url").slice(0, 43),
      tid: persona.tid,
      ...(persona.guest ? {} : { wids: persona.tenantAdmin ? [GLOBAL_ADMINISTRATOR_ROLE, USER_ROLE] : [USER_ROLE] }),
    };
  }

  private async sign(payload: JWTPayload, kind: KeyKind, omitKid = false): Promise<string> {
    const key = this.keys.signingKey(kind);
    return new SignJWT(payload)
      .setProtectedHeader({ alg: "RS256", typ: "JWT", ...(omitKid ? {} : { kid: key.kid }), x5t: key.x5t })
      .sign(key.privateKey);
  }
}

function opaque(bytes: number): string {
  return randomBytes(bytes).toString("base64url");
}

function servicePrincipalId(tid: string, clientId: string): string {
  const hex = createHash("sha256").update(`${tid}|${clientId}`).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
