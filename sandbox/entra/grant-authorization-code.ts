import { createHash } from "node:crypto";
import { GRAPH_RESOURCE } from "../fixtures/well-known.js";
import type { AuthorizationCodes } from "./auth-codes.js";
import { EntraFailure } from "./entra-errors.js";
import { graphScopeString } from "./scopes.js";
import { clientInfo, missingParameter, type GrantRequest } from "./grant-request.js";

const invalidGrant = (code: number, message: string) =>
  new EntraFailure({ status: 400, error: "invalid_grant", code, message });

/** grant_type=authorization_code: single-use, ten-minute codes bound to client, redirect URI and PKCE challenge. */
export async function redeemAuthorizationCode(
  { form, services, origin }: GrantRequest,
  codes: AuthorizationCodes,
): Promise<Record<string, unknown>> {
  const codeValue = form.get("code");
  if (!codeValue) throw new EntraFailure(missingParameter("code"));
  const grant = codes.find(codeValue);
  if (!grant) throw invalidGrant(9002313, "Invalid request. Request is malformed or invalid. The authorization code is unknown.");
  if (grant.redeemed) throw invalidGrant(54005, "OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.");
  if (grant.expiresAt < Date.now()) throw invalidGrant(70008, "The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.");
  if (grant.clientId !== services.app.clientId) {
    throw invalidGrant(70000, "The provided authorization code was issued to a different client.");
  }
  if (form.get("redirect_uri") !== grant.redirectUri) {
    throw invalidGrant(500117, "The reply uri specified in the request does not match the reply uri used in the authorization request.");
  }
  checkPlatform(services, grant.redirectUri, origin);
  const verifier = form.get("code_verifier");
  if (!verifier) throw new EntraFailure(missingParameter("code_verifier"));
  if (createHash("sha256").update(verifier).digest("base64url") !== grant.codeChallenge) {
    // A wrong verifier does not burn the code: only a successful redemption does.
    throw invalidGrant(501481, "The Code_Verifier does not match the code_challenge supplied in the authorization request.");
  }
  grant.redeemed = true;

  const { persona, scopes } = grant;
  const forApp = scopes.resource.kind === "app";
  const permissions = scopes.permissions.length > 0 ? scopes.permissions : ["User.Read"];
  const accessToken = await services.minter.accessToken({
    persona,
    audience: forApp ? services.app.clientId : GRAPH_RESOURCE,
    scopes: permissions,
    azp: services.app.clientId,
  });
  const scope = forApp ? permissions.map((p) => `${services.app.appIdUri}/${p}`).join(" ") : graphScopeString(permissions);
  return {
    token_type: "Bearer",
    scope: [scope, ...scopes.oidc].join(" "),
    expires_in: 3600,
    ext_expires_in: 3600,
    access_token: accessToken,
    ...(scopes.oidc.includes("openid")
      ? { id_token: await services.minter.idToken(persona, services.app.clientId, grant.nonce) }
      : {}),
    client_info: clientInfo(persona.oid, persona.tid),
  };
}

/**
 * Entra binds a code to the platform of its redirect URI: a `Spa` URI's code must be redeemed by the
 * browser (cross-origin, with `Origin`), and a `Web` URI's code by a server (no `Origin`). A server
 * redeeming with its client secret therefore needs the URI registered as Web.
 */
function checkPlatform(services: GrantRequest["services"], redirectUri: string, origin: string | undefined): void {
  const platform = services.app.replyUrls.find((reply) => reply.url === redirectUri)?.type ?? "Web";
  if (platform === "Spa" && !origin) {
    throw new EntraFailure({
      status: 400,
      error: "invalid_request",
      code: 9002327,
      message: "Tokens issued for the 'Single-Page Application' client-type may only be redeemed via cross-origin requests.",
    });
  }
  if (platform !== "Spa" && origin) {
    throw new EntraFailure({
      status: 400,
      error: "invalid_request",
      code: 9002326,
      message: `Cross-origin token redemption is permitted only for the 'Single-Page Application' client-type. Request origin: '${origin}'.`,
    });
  }
}
