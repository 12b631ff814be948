import { readFile } from "node:fs/promises";
import { basename, extname, join, normalize, sep } from "node:path";
import type { Request, Response, Server } from "restify";
import { Problem } from "../errors.js";
import { sendProblem } from "./problem-response.js";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".map": "application/json",
};

/** Hosts allowed to frame the tab (docs/spec.md §9): Teams and Microsoft 365 only. */
export const TEAMS_FRAME_ANCESTORS = [
  "https://teams.microsoft.com",
  "https://*.teams.microsoft.com",
  "https://teams.cloud.microsoft",
  "https://*.cloud.microsoft",
  "https://*.office.com",
  "https://*.office365.com",
  "https://*.microsoft365.com",
  "https://outlook.office.com",
];

export interface TabFilesOptions {
  directory: string;
  /** Extra frame ancestors (the sandbox's Teams host in sandbox mode) and connect sources. */
  frameAncestors: string[];
  connectSources: string[];
}

export function contentSecurityPolicy(options: Pick<TabFilesOptions, "frameAncestors" | "connectSources">): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    // Fluent UI (Griffel) injects its styles at run time.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    `connect-src 'self' ${options.connectSources.join(" ")}`.trim(),
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    `frame-ancestors 'self' ${[...TEAMS_FRAME_ANCESTORS, ...options.frameAncestors].join(" ")}`,
  ].join("; ");
}

function notFound(res: Response): void {
  sendProblem(res, new Problem(404, "not_found", "Not found", "There is nothing at this address."));
}

/**
 * The tab routes with `#/…`, so only these paths are pages; each answers index.html. Anything else must be a real
 * file of the build: a client probing an address (an identity library, a provisioning service, a monitor) gets a
 * 404 problem, never a page that looks like success.
 */
const PAGE_PATHS = new Set(["/", "/index.html", "/auth/callback"]);

/** Serves the built tab (tab/dist) with its Content-Security-Policy: its pages, its assets, and nothing else. */
export function mountTabFiles(server: Server, options: TabFilesOptions): void {
  const root = normalize(options.directory);
  const csp = contentSecurityPolicy(options);
  const handler = async (req: Request, res: Response) => {
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    } catch {
      return notFound(res);
    }
    if (pathname.startsWith("/api/")) return notFound(res);
    const file = PAGE_PATHS.has(pathname) ? join(root, "index.html") : normalize(join(root, pathname));
    if (!file.startsWith(root + sep) || !extname(file) || basename(file).startsWith(".")) return notFound(res);
    try {
      const body = await readFile(file);
      const html = extname(file) === ".html";
      res.writeHead(200, {
        "Content-Type": TYPES[extname(file)] ?? "application/octet-stream",
        "Content-Length": body.length,
        // Hashed asset names never change; pages must always be fresh.
        "Cache-Control": html ? "no-cache" : "public, max-age=31536000, immutable",
        ...(html ? { "Content-Security-Policy": csp } : {}),
      });
      res.end(body);
    } catch {
      notFound(res);
    }
  };
  server.get("/*", handler);
}
