import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { sendJson } from "../server/http-io.js";

/** The JSON body of an Entra token/metadata error, with its AADSTS code, trace and correlation ids. */
export interface EntraErrorBody {
  error: string;
  error_description: string;
  error_codes: number[];
  timestamp: string;
  trace_id: string;
  correlation_id: string;
  error_uri: string;
  suberror?: string;
  /** A claims challenge (JSON as a string) the client sends back on an interactive sign-in. */
  claims?: string;
}

export interface EntraError {
  status: number;
  error: string;
  code: number;
  message: string;
  suberror?: string;
  claims?: string;
}

/** Builds Entra's error body; the correlation id echoes msal's `client-request-id` as Entra does. */
export function entraErrorBody(err: EntraError, req: IncomingMessage, httpsUrl: string): EntraErrorBody {
  const timestamp = new Date().toISOString().replace("T", " ").replace(/\.\d+Z$/, "Z");
  const traceId = randomUUID();
  const header = req.headers["client-request-id"];
  const correlationId = typeof header === "string" && header ? header : randomUUID();
  return {
    error: err.error,
    error_description:
      // Entra separates the message from its ids with CRLFs; clients that show the first line rely on it.
      `AADSTS${err.code}: ${err.message}\r\nTrace ID: ${traceId}\r\nCorrelation ID: ${correlationId}\r\nTimestamp: ${timestamp}`,
    error_codes: [err.code],
    timestamp,
    trace_id: traceId,
    correlation_id: correlationId,
    error_uri: `${httpsUrl}/error?code=${err.code}`,
    ...(err.suberror ? { suberror: err.suberror } : {}),
    ...(err.claims ? { claims: err.claims } : {}),
  };
}

export function sendEntraError(res: ServerResponse, req: IncomingMessage, httpsUrl: string, err: EntraError): void {
  sendJson(res, err.status, entraErrorBody(err, req, httpsUrl));
}

/** Thrown by grant handlers; the token endpoint turns it into Entra's JSON error. */
export class EntraFailure extends Error {
  constructor(readonly detail: EntraError) {
    super(`AADSTS${detail.code}: ${detail.message}`);
  }
}

export const tenantNotFound = (tenant: string): EntraError => ({
  status: 400,
  error: "invalid_tenant",
  code: 90002,
  message:
    `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the ` +
    "correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.",
});

export const unknownClient = (clientId: string): EntraError => ({
  status: 400,
  error: "unauthorized_client",
  code: 700016,
  message:
    `Application with identifier '${clientId}' was not found in the directory. This can happen if the application ` +
    "has not been installed by the administrator of the tenant or consented to by any user in the tenant.",
});

export const invalidClientSecret = (clientId: string): EntraError => ({
  status: 401,
  error: "invalid_client",
  code: 7000215,
  message: `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${clientId}'.`,
});

export const consentMissing = (clientId: string): EntraError => ({
  status: 400,
  error: "invalid_grant",
  code: 65001,
  suberror: "consent_required",
  message:
    `The user or administrator has not consented to use the application with ID '${clientId}' named 'RosterLink'. ` +
    "Send an interactive authorization request for this user and resource.",
});

/** A client id the directory does not hold: e.g. a single-tenant bot asked for at botframework.com. */
export const appNotInDirectory = (clientId: string, directory: string): EntraError => ({
  status: 400,
  error: "unauthorized_client",
  code: 700016,
  message:
    `Application with identifier '${clientId}' was not found in the directory '${directory}'. This can happen if the application ` +
    "has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.",
});

/**
 * Conditional Access stops an on-behalf-of exchange: the user's token is fine, but the resource needs
 * an interaction (multi-factor authentication, or registering for it) that only the user can do. Entra
 * answers with a claims challenge naming the policy (`capolids`); the middle tier passes it back to the
 * client, which signs in again interactively with it. Two shapes are seen from Entra: AADSTS50076 as
 * `invalid_grant` with suberror `basic_action`, and AADSTS50079 as `interaction_required` (the shape in
 * Microsoft's on-behalf-of documentation). msal-node turns both into an InteractionRequiredAuthError.
 */
export const interactionRequired = (code: 50076 | 50079, resource: string, policyId: string): EntraError => ({
  status: 400,
  error: code === 50076 ? "invalid_grant" : "interaction_required",
  code,
  message:
    "Due to a configuration change made by your administrator, or because you moved to a new location, you must " +
    `${code === 50076 ? "use" : "enroll in"} multi-factor authentication to access '${resource}'.`,
  ...(code === 50076 ? { suberror: "basic_action" } : {}),
  claims: JSON.stringify({ access_token: { capolids: { essential: true, values: [policyId] } } }),
});
