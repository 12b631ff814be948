import type { TenantSelector } from "../directory.js";
import type { SandboxServices } from "../services.js";
import type { EntraError } from "./entra-errors.js";

// What the token endpoint hands each grant (authorization code, on-behalf-of, client credentials). Its own
// file so that the grants and the route that dispatches to them do not import each other.

/** What every grant handler receives once the client and tenant check out. */
export interface GrantRequest {
  form: URLSearchParams;
  selector: TenantSelector;
  services: SandboxServices;
  /** The authenticated client: the app's registration or the bot's. */
  clientId: string;
  /** The request's Origin header: present when a browser redeems cross-origin (a Spa client). */
  origin: string | undefined;
}

/** AADSTS900144: a required form field is missing. */
export function missingParameter(name: string): EntraError {
  return {
    status: 400,
    error: "invalid_request",
    code: 900144,
    message: `The request body must contain the following parameter: '${name}'.`,
  };
}

/** Entra's `client_info`: which account the tokens belong to, for msal's cache. */
export function clientInfo(oid: string, tid: string): string {
  return Buffer.from(JSON.stringify({ uid: oid, utid: tid })).toString("base64url");
}
