import { GRAPH_RESOURCE } from "../fixtures/well-known.js";
import { EntraFailure } from "./entra-errors.js";
import { parseScopes } from "./scopes.js";
import { missingParameter, type GrantRequest } from "./grant-request.js";

/** grant_type=client_credentials: an app-only token for `{resource}/.default` in one tenant. */
export async function issueClientCredentialsToken({ form, selector, services, clientId }: GrantRequest): Promise<Record<string, unknown>> {
  const scope = form.get("scope");
  if (!scope) throw new EntraFailure(missingParameter("scope"));
  if (selector.kind !== "tenant" || selector.tenant.personal) {
    throw new EntraFailure({
      status: 400,
      error: "invalid_request",
      code: 50059,
      message: "No tenant-identifying information found in either the request or implied by any provided credentials.",
    });
  }
  // A multi-tenant app has a service principal in a tenant only once an admin consented there; removing
  // the enterprise app (what /sandbox/consent/revoke plays) removes it, and Entra then refuses app-only tokens.
  if (!services.consent.find(selector.tenant.tid, services.app.clientId)) {
    throw new EntraFailure({
      status: 401,
      error: "invalid_client",
      code: 7000229,
      message: `The client application ${services.app.clientId} is missing service principal in the tenant ${selector.tenant.tid}. See instructions here: https://go.microsoft.com/fwlink/?linkid=2225119`,
    });
  }
  const parsed = parseScopes(scope, services.app);
  if (parsed.permissions.length !== 1 || parsed.permissions[0] !== ".default") {
    throw new EntraFailure({
      status: 400,
      error: "invalid_scope",
      code: 1002012,
      message: `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
    });
  }
  const audience =
    parsed.resource.kind === "graph"
      ? GRAPH_RESOURCE
      : parsed.resource.kind === "other"
        ? parsed.resource.resource
        : clientId;
  return {
    token_type: "Bearer",
    expires_in: 3599,
    ext_expires_in: 3599,
    access_token: await services.minter.appToken(selector.tenant.tid, clientId, audience),
  };
}
