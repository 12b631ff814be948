import { GRAPH_APP_ID, GRAPH_RESOURCE, OIDC_SCOPES } from "../fixtures/well-known.js";

/** Which resource a token request is for. */
export type ScopeResource = { kind: "graph" } | { kind: "app" } | { kind: "other"; resource: string } | { kind: "none" };

export interface ParsedScopes {
  resource: ScopeResource;
  /** Short permission names on that resource, e.g. "User.Read", ".default", "access_as_user". */
  permissions: string[];
  oidc: string[];
}

/** Thrown when the scope parameter names more than one resource (AADSTS28000 at Entra). */
export class MultipleResourcesError extends Error {}

/**
 * Splits an OAuth `scope` parameter the way Entra's v2 endpoint does: OIDC scopes apart, full
 * `{resource}/{permission}` names by resource, bare names meaning Microsoft Graph.
 */
export function parseScopes(scope: string, app: { clientId: string; appIdUri: string }): ParsedScopes {
  const oidc: string[] = [];
  const permissions: string[] = [];
  const resources = new Map<string, ScopeResource>();
  for (const item of scope.split(/\s+/).filter(Boolean)) {
    if ((OIDC_SCOPES as readonly string[]).includes(item.toLowerCase())) {
      oidc.push(item.toLowerCase());
      continue;
    }
    const slash = item.lastIndexOf("/");
    const prefix = slash > 0 ? item.slice(0, slash) : GRAPH_RESOURCE;
    const resource = classify(prefix, app);
    resources.set(resource.kind === "other" ? resource.resource : resource.kind, resource);
    permissions.push(slash > 0 ? item.slice(slash + 1) : item);
  }
  if (resources.size > 1) throw new MultipleResourcesError(scope);
  const [resource] = resources.values();
  return { resource: resource ?? { kind: "none" }, permissions, oidc };
}

function classify(prefix: string, app: { clientId: string; appIdUri: string }): ScopeResource {
  const lower = prefix.toLowerCase().replace(/\/$/, "");
  if (lower === GRAPH_RESOURCE || lower === GRAPH_APP_ID) return { kind: "graph" };
  if (lower === app.appIdUri.toLowerCase() || lower === app.clientId || lower === `api://${app.clientId}`) {
    return { kind: "app" };
  }
  return { kind: "other", resource: prefix };
}

/** Graph permissions as Entra echoes them in a token response's `scope`. */
export function graphScopeString(permissions: string[]): string {
  return permissions.map((p) => `${GRAPH_RESOURCE}/${p}`).join(" ");
}
