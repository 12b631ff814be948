import type { Request, Response, Server } from "restify";
import { toProblem, Problem } from "../errors.js";
import type { Logger } from "../log.js";
import type { Store } from "../store/store.js";
import { clientAddressOf } from "../http/client-address.js";
import { authenticateProvisioner, type ProvisioningScope } from "../domain/provisioning/provisioning-scope.js";
import { listProvisionedUsers, loadProvisionedUser } from "../domain/provisioning/provisioned-users.js";
import { changeProvisionedUser, createProvisionedUser, deleteProvisionedUser } from "../domain/provisioning/write-provisioned-user.js";
import { invalidValue, scimProblem } from "../domain/provisioning/scim-problems.js";
import { listOf, MAX_PAGE, serviceProviderConfig, userResourceType, userSchema } from "./scim-discovery.js";
import { parseUserFilter } from "./scim-filter.js";
import { parsePatch } from "./scim-patch.js";
import { scimErrorFromProblem, sendScim } from "./scim-response.js";
import { parseUserBody } from "./scim-user-body.js";
import { listResponse, presentScimUser } from "./scim-user-resource.js";
import { failedSecretLimiter } from "./scim-auth-limiter.js";
import type { RateLimits } from "../config.js";

export const SCIM_BASE_PATH = "/scim/v2";

/** What the SCIM edge is given; its commands take it as their `ctx` (store, clock), `(ctx, input)` like every domain command. */
export interface ScimDeps {
  store: Store;
  log: Logger;
  now: () => Date;
  publicUrl: () => string;
  trustProxy: boolean;
  /** Failed secrets per client address and window, as for sign-in tokens (RATE_LIMIT_* variables). */
  limits: RateLimits;
}

interface ScimCall {
  req: Request;
  scope: ProvisioningScope;
  baseUrl: string;
}

type Answer = { status: number; body?: unknown; headers?: Record<string, string> };

/** `startIndex` and `count` as RFC 7644 §3.4.2.4 reads them: below 1 means 1, a negative count 0. */
function pageOf(query: Record<string, unknown>): { startIndex: number; count: number } {
  const number = (name: string, fallback: number) => {
    const raw = query[name];
    if (raw === undefined || raw === "") return fallback;
    if (typeof raw !== "string" || !/^-?\d{1,9}$/.test(raw.trim())) throw invalidValue(`${name} must be a whole number.`);
    return Number(raw);
  };
  return { startIndex: Math.max(1, number("startIndex", 1)), count: Math.min(MAX_PAGE, Math.max(0, number("count", MAX_PAGE))) };
}

/**
 * SCIM 2.0 as Microsoft Entra's provisioning service uses it, on the app's restify server under
 * /scim/v2. Its own protocol: its own errors (RFC 7644 §3.12), media type and bearer secrets; the
 * domain commands are the same as the tab's, with the channel "provisioning".
 */
export function mountScim(server: Server, deps: ScimDeps): void {
  const limiter = failedSecretLimiter(deps.limits);
  const baseUrl = () => `${deps.publicUrl().replace(/\/$/, "")}${SCIM_BASE_PATH}`;

  const handle = (auth: boolean, work: (call: ScimCall) => Promise<Answer>) => async (req: Request, res: Response) => {
    try {
      let scope: ProvisioningScope | undefined;
      if (auth) {
        const address = clientAddressOf(req, deps.trustProxy);
        limiter.check(address);
        try {
          scope = await authenticateProvisioner(deps, { authorization: req.headers.authorization });
        } catch (error) {
          if (error instanceof Problem && error.status === 401) limiter.failed(address);
          throw error;
        }
      }
      const answer = await work({ req, scope: scope!, baseUrl: baseUrl() });
      sendScim(res, answer.status, answer.body, answer.headers);
    } catch (error) {
      const problem = toProblem(error);
      if (problem.status >= 500) deps.log.error({ err: error, path: req.path() }, "SCIM request failed");
      else deps.log.info({ status: problem.status, scimType: problem.extra.scimType ?? null, method: req.method, path: req.path() }, "SCIM request refused");
      const headers = problem.status === 401 ? { ...problem.headers, "WWW-Authenticate": 'Bearer realm="RosterLink SCIM"' } : problem.headers;
      sendScim(res, problem.status, scimErrorFromProblem(problem), headers);
    }
  };
  const userId = (req: Request) => String(req.params?.id ?? "");

  const path = (rest: string) => `${SCIM_BASE_PATH}${rest}`;
  server.get(path("/ServiceProviderConfig"), handle(false, async ({ baseUrl }) => ({ status: 200, body: serviceProviderConfig(baseUrl) })));
  server.get(path("/Schemas"), handle(false, async ({ baseUrl }) => ({ status: 200, body: listOf([userSchema(baseUrl)]) })));
  server.get(path("/ResourceTypes"), handle(false, async ({ baseUrl }) => ({ status: 200, body: listOf([userResourceType(baseUrl)]) })));

  server.get(path("/Users"), handle(true, async ({ req, scope, baseUrl }) => {
    const query = (req.query ?? {}) as Record<string, unknown>;
    const filter = parseUserFilter(query.filter);
    const page = pageOf(query);
    const { total, users } = await listProvisionedUsers(deps, { scope, filter, ...page });
    return { status: 200, body: listResponse(users.map((u) => presentScimUser(u, baseUrl)), total, page.startIndex) };
  }));
  server.get(path("/Users/:id"), handle(true, async ({ req, scope, baseUrl }) => ({
    status: 200,
    body: presentScimUser(await loadProvisionedUser(deps, { scope, id: userId(req) }), baseUrl),
  })));
  server.post(path("/Users"), handle(true, async ({ req, scope, baseUrl }) => {
    const created = await createProvisionedUser(deps, { scope, ...parseUserBody(req.body) });
    return { status: 201, body: presentScimUser(created, baseUrl), headers: { Location: `${baseUrl}/Users/${created.id}` } };
  }));
  server.put(path("/Users/:id"), handle(true, async ({ req, scope, baseUrl }) => {
    const { oid, ...change } = parseUserBody(req.body);
    const changed = await changeProvisionedUser(deps, { scope, id: userId(req), oid, change });
    return { status: 200, body: presentScimUser(changed, baseUrl) };
  }));
  server.patch(path("/Users/:id"), handle(true, async ({ req, scope, baseUrl }) => {
    const patch = parsePatch(req.body);
    const changed = await changeProvisionedUser(deps, { scope, id: userId(req), ...patch });
    return { status: 200, body: presentScimUser(changed, baseUrl) };
  }));
  server.del(path("/Users/:id"), handle(true, async ({ req, scope }) => {
    await deleteProvisionedUser(deps, { scope, id: userId(req) });
    return { status: 204 };
  }));
  // Groups are not provisioned (account types come from sign-in): say so in SCIM's words, not a bare 404.
  const noGroups = handle(true, async () => {
    throw scimProblem(404, null, "RosterLink does not provision groups: turn off group provisioning in Entra's attribute mappings.");
  });
  server.get(path("/Groups"), noGroups);
  server.get(path("/Groups/:id"), noGroups);
  server.post(path("/Groups"), noGroups);
}
