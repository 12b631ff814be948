import { z } from "zod";
import { readJson, sendJson } from "../server/http-io.js";
import type { SandboxRoute } from "../server/router.js";
import type { SandboxServices } from "../services.js";

const TenantBody = z.object({ tid: z.string().min(1), scopes: z.array(z.string()).optional() });

/** Sandbox-only views and switches over the directory: personas, tenants and admin-consent grants. */
export function sandboxDirectoryRoutes(services: SandboxServices): SandboxRoute[] {
  const { directory, consent, app } = services;
  return [
    {
      method: "GET",
      path: "/sandbox/personas",
      handle: ({ res }) => sendJson(res, 200, { personas: directory.personas, tenants: directory.tenants }),
    },
    {
      method: "GET",
      path: "/sandbox/consent",
      handle: ({ res }) => sendJson(res, 200, { grants: consent.list() }),
    },
    {
      method: "POST",
      path: "/sandbox/consent/revoke",
      async handle({ req, res }) {
        const body = TenantBody.safeParse(await readJson(req));
        if (!body.success) return sendJson(res, 400, { error: "invalid_request", error_description: "Body must be {\"tid\": \"…\"}." });
        sendJson(res, 200, { revoked: await consent.revoke(body.data.tid) });
      },
    },
    {
      // A shortcut for tests that need a consented tenant without walking the consent page.
      method: "POST",
      path: "/sandbox/consent/grant",
      async handle({ req, res }) {
        const body = TenantBody.safeParse(await readJson(req));
        const tenant = body.success ? directory.tenant(body.data.tid) : undefined;
        if (!body.success || !tenant || tenant.personal) {
          return sendJson(res, 400, { error: "invalid_request", error_description: "Body must be {\"tid\": an organizational tenant, \"scopes\"?: [..]}." });
        }
        const grant = await consent.grant(tenant.tid, app.clientId, body.data.scopes ?? ["User.Read", "EduRoster.ReadBasic"], "sandbox");
        sendJson(res, 200, { grant });
      },
    },
  ];
}
