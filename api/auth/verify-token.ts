import { createRemoteJWKSet, customFetch, decodeProtectedHeader, errors, jwtVerify, type JWTPayload } from "jose";
import { forbidden, unauthorized, unavailable } from "../errors.js";
import type { FetchLike } from "../http/https-fetch.js";
import type { Identity } from "./identity.js";
import { isTenantAdmin, PERSONAL_ACCOUNTS_TENANT } from "./entra.js";
import { isGuid } from "../../contract/guid.js";

export interface VerifierOptions {
  /** e.g. https://login.microsoftonline.com (no trailing slash). */
  authorityHost: string;
  clientId: string;
  appIdUri: string;
  fetch: FetchLike;
  /** Minimum time between JWKS refreshes triggered by an unknown `kid` (jose's cooldown). */
  jwksCooldownMs?: number;
}

/** `clientAddress` is for limits on failed tokens (api/auth/failed-token-limit.ts); verification ignores it. */
export type TokenVerifier = (authorizationHeader: string | undefined, clientAddress?: string) => Promise<Identity>;

/** Entra tokens with many claims stay well under this; anything larger is refused unread. */
const MAX_TOKEN_LENGTH = 6_000;
const CLOCK_SKEW_SECONDS = 300;
const REQUIRED_SCOPE = "access_as_user";

const invalid = (detail = "The token is not valid for RosterLink.") => unauthorized("invalid_token", detail);

/**
 * Verifies Entra v2 access tokens (docs/spec.md §9) with jose. Organizational and personal-account keys
 * are separate key sets: a key is trusted only for the kind of tenant it signs for, so a token
 * that claims a school's tenant but is signed with the consumer key fails. Nothing is read from
 * the token before its signature is verified.
 */
export function createTokenVerifier(options: VerifierOptions): TokenVerifier {
  const jwksOptions = {
    cooldownDuration: options.jwksCooldownMs ?? 30_000,
    cacheMaxAge: 24 * 60 * 60 * 1000,
    timeoutDuration: 5_000,
    [customFetch]: (url: string, init: { headers: Headers; signal: AbortSignal }) =>
      options.fetch(url, { headers: Object.fromEntries(init.headers.entries()), signal: init.signal }),
  };
  const organizationalKeys = createRemoteJWKSet(new URL(`${options.authorityHost}/common/discovery/v2.0/keys`), jwksOptions);
  const personalKeys = createRemoteJWKSet(new URL(`${options.authorityHost}/consumers/discovery/v2.0/keys`), jwksOptions);

  const verifyWith = (token: string, keys: typeof organizationalKeys) =>
    jwtVerify(token, keys, {
      algorithms: ["RS256"],
      audience: [options.clientId, options.appIdUri],
      clockTolerance: CLOCK_SKEW_SECONDS,
      requiredClaims: ["iss", "aud", "exp", "nbf", "tid", "oid"],
    });

  return async (header) => {
    const match = /^Bearer ([A-Za-z0-9\-_.]+)$/.exec(header ?? "");
    if (!match) throw unauthorized("missing_token", "Send the Microsoft token as `Authorization: Bearer <token>`.");
    const token = match[1]!;
    if (token.length > MAX_TOKEN_LENGTH) throw invalid("The token is larger than any Microsoft token RosterLink accepts.");
    if (token.split(".").length !== 3) throw invalid("The token is not a signed JWT.");
    // Entra names the signing key of every token it issues. Without a `kid`, jose would try whichever
    // published key fits, so a key meant for something else could vouch for the token: refuse it unread.
    if (!namesItsKey(token)) throw invalid("The token does not name the key that signed it.");

    let payload: JWTPayload;
    let personalKey = false;
    try {
      try {
        ({ payload } = await verifyWith(token, organizationalKeys));
      } catch (error) {
        if (!(error instanceof errors.JWKSNoMatchingKey)) throw error;
        ({ payload } = await verifyWith(token, personalKeys));
        personalKey = true;
      }
    } catch (error) {
      if (error instanceof errors.JWTExpired) throw unauthorized("token_expired", "The token has expired; sign in again.");
      // The authority's keys could not be read: the token may be fine, so this is not the caller's fault.
      if (keysUnreadable(error)) {
        throw unavailable("identity_provider_unavailable", "Microsoft's signing keys cannot be read right now; try again shortly.");
      }
      throw invalid();
    }

    const tid = String(payload.tid);
    const oid = String(payload.oid);
    if (!isGuid(tid) || !isGuid(oid)) throw invalid();
    if (payload.ver !== "2.0" || payload.iss !== `${options.authorityHost}/${tid}/v2.0`) throw invalid("The token was not issued for its tenant by the v2 endpoint.");
    const personal = tid === PERSONAL_ACCOUNTS_TENANT;
    // Entra signs personal-account tokens with the common keys too; the consumer-only key may sign nothing else.
    if (personalKey && !personal) throw invalid();

    const scopes = typeof payload.scp === "string" ? payload.scp.split(" ").filter(Boolean) : [];
    if (!scopes.includes(REQUIRED_SCOPE)) throw forbidden("insufficient_scope", `The token lacks the ${REQUIRED_SCOPE} scope.`);

    const roles = Array.isArray(payload.wids) ? payload.wids.map(String) : [];
    const idp = typeof payload.idp === "string" ? payload.idp : undefined;
    const homeIssuers = [payload.iss, `https://sts.windows.net/${tid}/`];
    const guest = payload.acct === 1 || payload.acct === "1" || (idp !== undefined && !homeIssuers.includes(idp) && !personal);
    const text = (v: unknown) => (typeof v === "string" ? v.slice(0, 256) : "");

    return {
      tid: tid.toLowerCase(),
      oid: oid.toLowerCase(),
      name: text(payload.name),
      username: text(payload.preferred_username) || text(payload.email),
      roles,
      guest,
      personal,
      scopes,
      tenantAdmin: isTenantAdmin(roles),
      token,
    };
  };
}

/** The protected header parses and names a key id (the header is the only part read before verification). */
function namesItsKey(token: string): boolean {
  try {
    const { kid } = decodeProtectedHeader(token);
    return typeof kid === "string" && kid.length > 0;
  } catch {
    return false;
  }
}

/**
 * The JWKS fetch failed, as opposed to the token: a network error (not a JOSEError), jose's timeout,
 * a status other than 200 or a body that is not JSON (jose's plain JOSEError, thrown only by its
 * fetch), or a key set that is not one. During an outage of the keys endpoint a valid user must hear
 * "try again" (503), never "your token is bad" (401).
 */
function keysUnreadable(error: unknown): boolean {
  if (!(error instanceof errors.JOSEError)) return true;
  return error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid || error.code === errors.JOSEError.code;
}
