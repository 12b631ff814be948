import type { IncomingMessage, ServerResponse } from "node:http";
import { sendJson } from "./http-io.js";

/** What a sandbox route handler receives for one request. */
export interface SandboxContext {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  /** Values of the route's `:name` segments (decoded); `*` holds the rest of the path. */
  params: Record<string, string>;
  /** True when the request arrived over TLS (the https side of the shared port). */
  secure: boolean;
}

export type SandboxMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** One route on the sandbox server. Later parts (Bot Connector, Teams host) mount theirs with `extend`. */
export interface SandboxRoute {
  method: SandboxMethod;
  /** e.g. "/:tenant/oauth2/v2.0/token"; `:name` matches one segment, a final `*` matches the rest. */
  path: string;
  handle(ctx: SandboxContext): void | Promise<void>;
}

interface CompiledRoute {
  route: SandboxRoute;
  segments: string[];
}

/** A deliberately tiny router: first registered match wins, no regexes, no middleware. */
export class SandboxRouter {
  private readonly routes: CompiledRoute[] = [];

  add(routes: SandboxRoute[]): void {
    for (const route of routes) {
      this.routes.push({ route, segments: splitPath(route.path) });
    }
  }

  async dispatch(req: IncomingMessage, res: ServerResponse, secure: boolean): Promise<void> {
    const url = new URL(req.url ?? "/", `${secure ? "https" : "http"}://${req.headers.host ?? "localhost"}`);
    const method = req.method === "HEAD" ? "GET" : req.method;
    const pathSegments = splitPath(url.pathname);
    for (const { route, segments } of this.routes) {
      if (route.method !== method) continue;
      const params = match(segments, pathSegments);
      if (!params) continue;
      try {
        await route.handle({ req, res, url, params, secure });
      } catch (error) {
        // The sandbox stands in for Microsoft: a bug here must show up as a 500, never hang the caller.
        if (!res.headersSent) {
          sendJson(res, 500, { error: "sandbox_error", error_description: String(error) });
        } else {
          res.destroy();
        }
      }
      return;
    }
    sendJson(res, 404, { error: "not_found", error_description: `No sandbox route for ${req.method} ${url.pathname}` });
  }
}

function splitPath(path: string): string[] {
  return path.split("/").filter((segment) => segment.length > 0);
}

function match(pattern: string[], actual: string[]): Record<string, string> | null {
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const expected = pattern[i]!;
    if (expected === "*" && i === pattern.length - 1) {
      params["*"] = actual.slice(i).map(safeDecode).join("/");
      return params;
    }
    const segment = actual[i];
    if (segment === undefined) return null;
    if (expected.startsWith(":")) {
      params[expected.slice(1)] = safeDecode(segment);
    } else if (expected.toLowerCase() !== segment.toLowerCase()) {
      // Entra and Graph paths are case-insensitive (`/V2.0/`, `/Me/`), so the sandbox is too.
      return null;
    }
  }
  return pattern.length === actual.length ? params : null;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
