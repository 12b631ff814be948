import type { JWTPayload } from "jose";
import type { Persona } from "../fixtures/types.js";
import { GRAPH_APP_ID, GRAPH_RESOURCE } from "../fixtures/well-known.js";
import { issuerOf, type SandboxServices } from "../services.js";
import { consentMissing, EntraFailure, interactionRequired } from "./entra-errors.js";
import { MultipleResourcesError, graphScopeString, parseScopes } from "./scopes.js";
import { SandboxTokenError, verifySandboxToken } from "./token-verifier.js";
import { clientInfo, missingParameter, type GrantRequest } from "./grant-request.js";

const invalidGrant = (code: number, message: string, suberror?: string) =>
  new EntraFailure({ status: 400, error: "invalid_grant", code, message, ...(suberror ? { suberror } : {}) });

/**
 * grant_type=jwt-bearer with requested_token_use=on_behalf_of: trades a token for the app for a Graph
 * token, only for scopes the user's tenant has granted the app (else AADSTS65001, as Entra answers).
 */
export async function exchangeOnBehalfOf({ form, selector, services }: GrantRequest): Promise<Record<string, unknown>> {
  if (form.get("requested_token_use") !== "on_behalf_of") throw new EntraFailure(missingParameter("requested_token_use"));
  const assertion = form.get("assertion");
  if (!assertion) throw new EntraFailure(missingParameter("assertion"));
  const scope = form.get("scope");
  if (!scope) throw new EntraFailure(missingParameter("scope"));

  const claims = await verifyAssertion(services, assertion);
  const persona = services.directory.byObjectId(String(claims.tid), String(claims.oid));
  if (!persona) {
    throw invalidGrant(50034, `The user account ${String(claims.oid)} does not exist in the ${String(claims.tid)} directory.`);
  }
  if (selector.kind === "tenant" && selector.tenant.tid !== persona.tid) {
    throw invalidGrant(50013, `Assertion is for tenant '${persona.tid}' but the request was sent to tenant '${selector.tenant.tid}'.`);
  }
  if (services.directory.tenant(persona.tid)?.personal) {
    throw invalidGrant(
      500200,
      `User account '${persona.upn}' is a personal Microsoft account. Personal Microsoft accounts are not supported for this application unless explicitly invited to an organization.`,
    );
  }

  const permissions = grantedPermissions(services, persona, scope);
  // Conditional Access is judged once the app may act at all: a tenant without consent answers 65001 first.
  const policy = services.identityFaults.interactionFor(persona);
  if (policy) throw new EntraFailure(interactionRequired(policy.code, GRAPH_APP_ID, policy.policyId));
  const accessToken = await services.minter.accessToken({
    persona,
    audience: GRAPH_RESOURCE,
    scopes: permissions,
    azp: services.app.clientId,
  });
  const oidc = parseScopes(scope, services.app).oidc;
  return {
    token_type: "Bearer",
    scope: graphScopeString(permissions),
    expires_in: 3600,
    ext_expires_in: 3600,
    access_token: accessToken,
    ...(oidc.includes("openid") ? { id_token: await services.minter.idToken(persona, services.app.clientId) } : {}),
    ...(form.get("client_info") === "1" ? { client_info: clientInfo(persona.oid, persona.tid) } : {}),
  };
}

/** Signature, lifetime, issuer and audience of the incoming token, with Entra's error codes. */
async function verifyAssertion(services: SandboxServices, assertion: string): Promise<JWTPayload> {
  let payload: JWTPayload;
  try {
    ({ payload } = await verifySandboxToken(services.keys, assertion));
  } catch (error) {
    if (!(error instanceof SandboxTokenError)) throw error;
    if (error.problem === "expired" || error.problem === "not_yet_valid") {
      throw invalidGrant(500133, "Assertion is not within its valid time range. Ensure that the access token is not expired before using it for user assertion, or request a new token.");
    }
    if (error.problem === "bad_signature") throw invalidGrant(50013, "Assertion failed signature validation. [Reason - The key was not found.]");
    throw new EntraFailure({ status: 400, error: "invalid_request", code: 50027, message: "JWT token is invalid or malformed." });
  }
  if (typeof payload.tid !== "string" || payload.iss !== issuerOf(services.httpsUrl, payload.tid)) {
    throw invalidGrant(50013, "Assertion contains an invalid issuer.");
  }
  const audience = Array.isArray(payload.aud) ? payload.aud[0] : payload.aud;
  if (audience !== services.app.clientId && audience !== services.app.appIdUri) {
    throw invalidGrant(
      50013,
      `Assertion audience does not match the Client app presenting the assertion. The audience in the assertion was '${audience ?? ""}' and the expected audience is '${services.app.clientId}' or one of the Application Uris of this application.`,
    );
  }
  return payload;
}

/** The Graph permissions the new token carries; `.default` means everything the tenant granted. */
function grantedPermissions(services: SandboxServices, persona: Persona, scope: string): string[] {
  let parsed;
  try {
    parsed = parseScopes(scope, services.app);
  } catch (error) {
    if (!(error instanceof MultipleResourcesError)) throw error;
    throw new EntraFailure({ status: 400, error: "invalid_request", code: 28000, message: "Provided value for the input parameter scope is not valid because it contains more than one resource." });
  }
  if (parsed.resource.kind !== "graph") {
    const name = parsed.resource.kind === "other" ? parsed.resource.resource : services.app.appIdUri;
    throw new EntraFailure({ status: 400, error: "invalid_resource", code: 500011, message: `The resource principal named ${name} was not found in the tenant named ${persona.tid}.` });
  }
  const granted = services.consent.find(persona.tid, services.app.clientId)?.scopes ?? [];
  const requested = parsed.permissions.includes(".default") ? granted : parsed.permissions;
  const grantedLower = granted.map((p) => p.toLowerCase());
  if (requested.length === 0 || requested.some((p) => !grantedLower.includes(p.toLowerCase()))) {
    throw new EntraFailure(consentMissing(services.app.clientId));
  }
  return requested;
}
