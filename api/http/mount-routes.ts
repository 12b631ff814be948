import { randomUUID } from "node:crypto";
import type { Request, Response, Server } from "restify";
import type { Logger } from "../log.js";
import { badRequest, toProblem, unauthorized } from "../errors.js";
import { ANONYMOUS, type Identity } from "../auth/identity.js";
import type { AnyRoute, Reply, RouteActor, RouteContext } from "./route.js";
import { sendProblem } from "./problem-response.js";
import { clientAddressOf } from "./client-address.js";

export interface MountDeps {
  log: Logger;
  /** Verifies the Authorization header; throws a 401/403 Problem when it cannot (429 for an address sending bad ones). */
  authenticate: (authorizationHeader: string | undefined, clientAddress: string) => Promise<Identity>;
  /**
   * For "orgAdmin" routes: the caller must be an admin of `orgId` (404 for another organization or a made-up id,
   * 403 for a member who is not an admin); answers the admin the handler acts as.
   */
  authorizeOrgAdmin: (identity: Identity, orgId: string) => Promise<RouteActor>;
  trustProxy: boolean;
}

function parseOr400<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: Array<{ path: PropertyKey[]; message: string }> } } } | undefined, value: unknown, where: string): T {
  if (!schema) return undefined as T;
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  const issues = result.error.issues.slice(0, 10).map((i) => ({ path: [where, ...i.path.map(String)].join("."), message: i.message }));
  throw badRequest("invalid_request", `The request's ${where} is not valid.`, { issues });
}

function send(res: Response, reply: Reply): void {
  for (const [name, value] of Object.entries(reply.headers ?? {})) res.header(name, value);
  const status = reply.status ?? (reply.body === undefined && reply.html === undefined && reply.text === undefined ? 204 : 200);
  if (reply.text !== undefined) {
    res.writeHead(status, { "Content-Type": reply.text.contentType, "Cache-Control": "no-store", ...reply.headers });
    res.end(reply.text.content);
    return;
  }
  if (reply.html !== undefined) {
    res.writeHead(status, { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store", ...reply.headers });
    res.end(reply.html);
    return;
  }
  if (reply.body === undefined) {
    res.send(status);
    return;
  }
  res.header("Cache-Control", "no-store");
  res.send(status, reply.body);
}

/** Thin edges: authenticate, authorize as the route declares, parse with zod, call the handler (one domain command), present. */
export function mountRoutes(server: Server, routes: AnyRoute[], deps: MountDeps): void {
  for (const route of routes) {
    server[route.method](route.path, async (req: Request, res: Response) => {
      const requestId = (req.id?.() as string | undefined) ?? randomUUID();
      // A child logger costs a redaction set-up; most requests never log, so it is made on first use.
      let child: Logger | undefined;
      const requestLog = () => (child ??= deps.log.child({ requestId, route: `${route.method.toUpperCase()} ${route.path}` }));
      try {
        let identity: Identity = ANONYMOUS;
        const clientAddress = clientAddressOf(req, deps.trustProxy);
        if (route.auth !== "none") {
          const header = req.headers.authorization;
          if (!header) throw unauthorized("missing_token", "Sign in first: send the Microsoft token as a Bearer token.");
          identity = await deps.authenticate(header, clientAddress);
        }
        const ctx: RouteContext<unknown, unknown, unknown> & { actor?: RouteActor } = {
          params: undefined,
          query: undefined,
          body: undefined,
          identity,
          get log() {
            return requestLog();
          },
          requestId,
          clientAddress,
          req,
        };
        await route.before?.(ctx);
        if (route.auth === "orgAdmin") ctx.actor = await deps.authorizeOrgAdmin(identity, String(req.params?.orgId ?? ""));
        ctx.params = parseOr400(route.params as never, req.params, "path");
        ctx.query = parseOr400(route.query as never, req.query, "query");
        ctx.body = parseOr400(route.body as never, req.body, "body");
        const reply = await route.handler(ctx as never);
        send(res, reply);
      } catch (error) {
        const problem = toProblem(error);
        if (problem.status >= 500) requestLog().error({ err: error }, "request failed");
        else requestLog().info({ code: problem.code, status: problem.status }, "request refused");
        sendProblem(res, problem);
      }
    });
  }
}
