import type { SandboxContext, SandboxRoute } from "../server/router.js";
import { sendJson } from "../server/http-io.js";
import { PERSONAL_ACCOUNTS_TID } from "../fixtures/well-known.js";
import type { TenantSelector } from "../directory.js";
import { issuerOf, type SandboxServices } from "../services.js";
import { entraErrorBody, tenantNotFound } from "./entra-errors.js";

/** OpenID metadata and JWKS per tenant, in Entra's v2 URL shapes. */
export function metadataRoutes(services: SandboxServices): SandboxRoute[] {
  const { httpsUrl, keys, directory } = services;
  const templateIssuer = issuerOf(httpsUrl, "{tenantid}");

  const organizationalKeys: SandboxRoute["handle"] = (ctx) => {
    if (!duringOutage(services, ctx)) sendJson(ctx.res, 200, keys.jwks("organizational", templateIssuer));
  };
  const personalKeys: SandboxRoute["handle"] = (ctx) => {
    if (!duringOutage(services, ctx)) sendJson(ctx.res, 200, keys.jwks("personal", issuerOf(httpsUrl, PERSONAL_ACCOUNTS_TID)));
  };

  return [
    {
      method: "GET",
      path: "/:tenant/v2.0/.well-known/openid-configuration",
      handle({ req, res, params }) {
        const selector = directory.select(params.tenant!);
        if (!selector) return sendJson(res, 400, entraErrorBody(tenantNotFound(params.tenant!), req, httpsUrl));
        sendJson(res, 200, openIdConfiguration(services, selector));
      },
    },
    { method: "GET", path: "/common/discovery/v2.0/keys", handle: organizationalKeys },
    { method: "GET", path: "/organizations/discovery/v2.0/keys", handle: organizationalKeys },
    { method: "GET", path: "/consumers/discovery/v2.0/keys", handle: personalKeys },
    {
      method: "GET",
      path: "/:tenant/discovery/v2.0/keys",
      handle(ctx) {
        const selector = directory.select(ctx.params.tenant!);
        if (selector?.kind !== "tenant") {
          return sendJson(ctx.res, 400, entraErrorBody(tenantNotFound(ctx.params.tenant!), ctx.req, httpsUrl));
        }
        return selector.tenant.personal ? personalKeys(ctx) : organizationalKeys(ctx);
      },
    },
  ];
}

/**
 * Answers for the keys endpoints while the sandbox's JWKS outage switch is on; true when it answered.
 * Only the keys fail: a verifier that still holds the keys it fetched earlier goes on working.
 */
function duringOutage(services: SandboxServices, { req, res }: SandboxContext): boolean {
  const outage = services.identityFaults.jwksOutage;
  if (outage === "connection_closed") {
    req.socket.destroy();
    return true;
  }
  if (outage === "unavailable") {
    res.writeHead(503, { "content-type": "text/plain; charset=utf-8", "retry-after": "30", "cache-control": "no-store" });
    res.end("Service Unavailable");
    return true;
  }
  return false;
}

/** The v2 OpenID configuration document; a domain answers with its tenant's GUID everywhere. */
export function openIdConfiguration(services: SandboxServices, selector: TenantSelector): Record<string, unknown> {
  const { httpsUrl, httpUrl } = services;
  const personal = selector.kind === "alias" ? selector.alias === "consumers" : selector.tenant.personal;
  const segment = selector.kind === "tenant" ? selector.tenant.tid : selector.alias;
  const issuerTenant =
    selector.kind === "tenant" ? selector.tenant.tid : personal ? PERSONAL_ACCOUNTS_TID : "{tenantid}";
  return {
    token_endpoint: `${httpsUrl}/${segment}/oauth2/v2.0/token`,
    token_endpoint_auth_methods_supported: ["client_secret_post", "private_key_jwt", "client_secret_basic"],
    jwks_uri: `${httpsUrl}/${segment}/discovery/v2.0/keys`,
    response_modes_supported: ["query", "fragment", "form_post"],
    subject_types_supported: ["pairwise"],
    id_token_signing_alg_values_supported: ["RS256"],
    response_types_supported: ["code", "id_token", "code id_token", "id_token token"],
    scopes_supported: ["openid", "profile", "email", "offline_access"],
    issuer: issuerOf(httpsUrl, issuerTenant),
    request_uri_parameter_supported: false,
    userinfo_endpoint: `${httpsUrl}/oidc/userinfo`,
    // Browser-facing endpoints use the plain-HTTP side of the same port, so a browser needs no
    // certificate exception; server-to-server endpoints stay on https as msal-node requires.
    authorization_endpoint: `${httpUrl}/${segment}/oauth2/v2.0/authorize`,
    device_authorization_endpoint: `${httpsUrl}/${segment}/oauth2/v2.0/devicecode`,
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    end_session_endpoint: `${httpUrl}/${segment}/oauth2/v2.0/logout`,
    claims_supported: [
      "sub", "iss", "cloud_instance_name", "cloud_instance_host_name", "cloud_graph_host_name", "msgraph_host",
      "aud", "exp", "iat", "auth_time", "acr", "nonce", "preferred_username", "name", "tid", "ver", "at_hash",
      "c_hash", "email",
    ],
    kerberos_endpoint: `${httpsUrl}/${segment}/kerberos`,
    tenant_region_scope: selector.kind === "tenant" && !personal ? "EU" : null,
    cloud_instance_name: "microsoftonline.com",
    cloud_graph_host_name: "graph.windows.net",
    msgraph_host: new URL(httpsUrl).host,
    rbac_url: "https://pas.windows.net",
  };
}
