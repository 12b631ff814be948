import { z } from "zod";
import type { SandboxConnector } from "../connector/index.js";
import type { ReplyUrl } from "../entra/app-manifest.js";
import { readJson, sendJson } from "../server/http-io.js";
import type { SandboxRoute } from "../server/router.js";
import type { SandboxServices } from "../services.js";

const Attach = z.object({ baseUrl: z.string().url().refine((u) => /^https?:\/\//.test(u), "must be http(s)") });
const Range = z.object({ min: z.number().min(0).max(60_000), max: z.number().min(0).max(60_000) }).refine((r) => r.max >= r.min, "max < min");
const LatencyBody = z.object({ token: Range, onBehalfOf: Range, graph: Range });

/** What an app instance needs to use an already-running sandbox (`npm run sandbox`). */
export interface SandboxConnection {
  httpsUrl: string;
  httpUrl: string;
  connector: Omit<SandboxConnector, "setBotEndpoint">;
  tenants: SandboxServices["directory"]["tenants"];
  personas: SandboxServices["directory"]["personas"];
}

/**
 * Sandbox-only: several app instances share one sandbox. Each attaches with its base URL, which adds
 * its redirect URIs to the app registration (as an app registration lists several reply URLs); the
 * first one also becomes the bot's messaging endpoint and the start page's app link. The certificate
 * is served so an instance can trust it; it is public material (the private key never leaves).
 */
export function attachRoutes(
  services: SandboxServices,
  certPem: string,
  connector: SandboxConnector,
  /** The registration's reply URLs for an app at `baseUrl` (from aad.manifest.json, as Entra has them). */
  replyUrlsFor: (baseUrl: string) => ReplyUrl[],
): SandboxRoute[] {
  let botEndpointSet = false;
  return [
    {
      method: "GET",
      path: "/sandbox/certificate",
      handle: ({ res }) => {
        res.writeHead(200, { "content-type": "application/x-pem-file", "cache-control": "no-store" });
        res.end(certPem);
      },
    },
    {
      method: "GET",
      path: "/sandbox/connection",
      handle: ({ res }) => {
        const { setBotEndpoint: _unused, ...settings } = connector;
        const connection: SandboxConnection = {
          httpsUrl: services.httpsUrl,
          httpUrl: services.httpUrl,
          connector: settings,
          tenants: services.directory.tenants,
          personas: services.directory.personas,
        };
        sendJson(res, 200, connection);
      },
    },
    {
      method: "POST",
      path: "/sandbox/attach",
      async handle({ req, res }) {
        const body = Attach.safeParse(await readJson(req));
        if (!body.success) return sendJson(res, 400, { error: "invalid_request", error_description: "Body must be {\"baseUrl\": \"http://localhost:PORT\"}." });
        const base = body.data.baseUrl.replace(/\/+$/, "");
        for (const reply of replyUrlsFor(base)) {
          if (services.app.redirectUris.includes(reply.url)) continue;
          services.app.redirectUris.push(reply.url);
          services.app.replyUrls.push(reply);
        }
        services.appBaseUrl ??= base;
        const botEndpoint = !botEndpointSet;
        if (botEndpoint) {
          connector.setBotEndpoint(`${base}/api/messages`);
          botEndpointSet = true;
        }
        sendJson(res, 200, { botEndpoint });
      },
    },
    {
      method: "GET",
      path: "/sandbox/latency",
      handle: ({ res }) => sendJson(res, 200, services.latency.current),
    },
    {
      method: "PUT",
      path: "/sandbox/latency",
      async handle({ req, res }) {
        const body = LatencyBody.safeParse(await readJson(req));
        if (!body.success) return sendJson(res, 400, { error: "invalid_request", error_description: "Body must be {token, onBehalfOf, graph}, each {min, max} in ms." });
        services.latency.set(body.data);
        sendJson(res, 200, services.latency.current);
      },
    },
  ];
}
