import { setTimeout as sleep } from "node:timers/promises";
import { sendJson } from "../server/http-io.js";
import type { SandboxContext, SandboxRoute } from "../server/router.js";
import type { SandboxServices } from "../services.js";
import type { Persona } from "../fixtures/types.js";
import type { FaultPlan } from "./fault-plan.js";
import type { GraphProfiles } from "./graph-profiles.js";
import { authenticateGraphCaller, GraphAuthError, type GraphCaller } from "./graph-auth.js";
import { faultError, sendGraphError } from "./graph-errors.js";
import * as resources from "./graph-resources.js";
import type { GraphRequestLog } from "./request-log.js";

/** A Graph answer, or a Graph error to send instead. */
type GraphResult = Record<string, unknown> | { status: number; code: string; message: string };

interface GraphEndpoint {
  path: string;
  /** Delegated permissions of which the token needs one (none: any token of the tenant). */
  anyOf: string[];
  /** /me-style endpoints need a user; an app-only token gets Graph's 400. */
  needsUser: boolean;
  answer(caller: GraphCaller, persona: Persona | null): GraphResult;
}

/** Microsoft Graph v1.0 at `{httpsUrl}/v1.0/...`, answering per persona, with faults and a request log. */
export function graphRoutes(services: SandboxServices, faults: FaultPlan, log: GraphRequestLog, profiles: GraphProfiles): SandboxRoute[] {
  const endpoints: GraphEndpoint[] = [
    { path: "/v1.0/me", anyOf: ["User.Read"], needsUser: true, answer: (_c, p) => resources.userResource(p!) },
    { path: "/v1.0/me/licenseDetails", anyOf: ["User.Read"], needsUser: true, answer: (_c, p) => resources.licenseDetailsResource(p!) },
    {
      path: "/v1.0/me/transitiveMemberOf",
      anyOf: ["User.Read"],
      needsUser: true,
      answer: (_c, p) => resources.memberOfResource(p!, services.directory.tenant(p!.tid)),
    },
    {
      path: "/v1.0/education/me",
      anyOf: ["EduRoster.ReadBasic", "EduRoster.Read", "EduRoster.ReadWrite"],
      needsUser: true,
      answer: (_c, p) =>
        p!.graph.educationRole === null || p!.guest
          ? { status: 404, code: "Request_ResourceNotFound", message: `Resource '${p!.oid}' does not exist or one of its queried reference-property objects are not present.` }
          : resources.educationUserResource(p!),
    },
    {
      path: "/v1.0/organization",
      anyOf: [],
      needsUser: false,
      answer: (caller) => resources.organizationResource(services.directory.tenant(caller.tid)!),
    },
  ];

  const routes: SandboxRoute[] = endpoints.map((endpoint) => ({
    method: "GET",
    path: endpoint.path,
    handle: (ctx) => serve(services, faults, log, profiles, ctx, endpoint),
  }));
  routes.push({
    method: "GET",
    path: "/v1.0/*",
    handle: (ctx) => serve(services, faults, log, profiles, ctx, null),
  });
  return routes;
}

async function serve(
  services: SandboxServices,
  faults: FaultPlan,
  log: GraphRequestLog,
  profiles: GraphProfiles,
  { req, res, url }: SandboxContext,
  endpoint: GraphEndpoint | null,
): Promise<void> {
  let upn: string | null = null;
  const at = new Date().toISOString();
  res.on("finish", () => log.add({ upn, method: req.method ?? "GET", path: url.pathname + url.search, status: res.statusCode, at }));

  let caller: GraphCaller;
  try {
    caller = await authenticateGraphCaller(services, req);
  } catch (error) {
    if (!(error instanceof GraphAuthError)) throw error;
    return sendGraphError(res, error.status, error.code, error.message);
  }
  const persona = caller.persona && profiles.of(caller.persona);
  upn = persona?.upn ?? null;
  await services.latency.wait("graph");

  if (persona) {
    const step = faults.next(persona);
    if (step?.delayMs) await sleep(step.delayMs);
    if (step?.status) {
      const { code, message } = faultError(step.status);
      const headers: Record<string, string> = step.retryAfterSeconds !== undefined ? { "retry-after": String(step.retryAfterSeconds) } : {};
      return sendGraphError(res, step.status, code, message, headers);
    }
  }
  if (!endpoint) {
    const segment = url.pathname.split("/").filter(Boolean).slice(1).join("/");
    return sendGraphError(res, 400, "BadRequest", `Resource not found for the segment '${segment}'.`);
  }
  if (endpoint.needsUser && !persona) {
    return sendGraphError(res, 400, "BadRequest", "/me request is only valid with delegated authentication flow.");
  }
  const granted = caller.scopes.map((s) => s.toLowerCase());
  if (persona && endpoint.anyOf.length > 0 && !endpoint.anyOf.some((s) => granted.includes(s.toLowerCase()))) {
    return sendGraphError(res, 403, "Authorization_RequestDenied", `Insufficient privileges to complete the operation. API requires one of '${endpoint.anyOf.join(", ")}'.`);
  }
  const result = endpoint.answer(caller, persona);
  if (typeof result.status === "number" && typeof result.code === "string") {
    return sendGraphError(res, result.status, result.code, String(result.message));
  }
  sendJson(res, 200, resources.selectFields(result, url.searchParams.get("$select")));
}
