import { z } from "zod";
import { readJson, sendJson } from "../server/http-io.js";
import type { SandboxRoute } from "../server/router.js";
import type { SandboxServices } from "../services.js";

const JwksBody = z.object({ outage: z.enum(["unavailable", "connection_closed"]).nullable() }).strict();
const InteractionBody = z
  .object({
    upn: z.string().min(1).max(256).optional(),
    tid: z.string().min(1).max(64).optional(),
    code: z.union([z.literal(50076), z.literal(50079)]).optional(),
  })
  .strict()
  .refine((b) => (b.upn === undefined) !== (b.tid === undefined), "exactly one of upn and tid");

/**
 * Sandbox-only switches on Entra, for tests and for people trying the app's answers by hand:
 *   PUT    /sandbox/entra/faults/jwks                  {"outage": "unavailable" | "connection_closed" | null}
 *   PUT    /sandbox/entra/faults/interaction-required  {"upn": "…"} or {"tid": "…"}, optional "code": 50076 | 50079
 *   DELETE /sandbox/entra/faults/interaction-required  Conditional Access off for everyone
 *   GET    /sandbox/entra/faults                       what is on
 *   DELETE /sandbox/entra/faults                       everything off (the reset)
 * A token without `kid` is minted by POST /sandbox/token with {"omitKid": true}.
 */
export function identityFaultRoutes(services: SandboxServices): SandboxRoute[] {
  const faults = services.identityFaults;
  return [
    {
      method: "GET",
      path: "/sandbox/entra/faults",
      handle: ({ res }) => sendJson(res, 200, faults.current()),
    },
    {
      method: "DELETE",
      path: "/sandbox/entra/faults",
      handle({ res }) {
        faults.reset();
        sendJson(res, 200, faults.current());
      },
    },
    {
      method: "PUT",
      path: "/sandbox/entra/faults/jwks",
      async handle({ req, res }) {
        const body = JwksBody.safeParse(await readJson(req));
        if (!body.success) {
          return sendJson(res, 400, { error: "invalid_request", error_description: "Body must be {\"outage\": \"unavailable\" | \"connection_closed\" | null}." });
        }
        faults.setJwksOutage(body.data.outage);
        sendJson(res, 200, faults.current());
      },
    },
    {
      method: "PUT",
      path: "/sandbox/entra/faults/interaction-required",
      async handle({ req, res }) {
        const body = InteractionBody.safeParse(await readJson(req));
        if (!body.success) {
          return sendJson(res, 400, { error: "invalid_request", error_description: "Body must be {\"upn\": \"…\"} or {\"tid\": \"…\"}, with an optional \"code\": 50076 | 50079." });
        }
        const { upn, tid, code = 50076 } = body.data;
        if (upn !== undefined) {
          const persona = services.directory.byUpn(upn);
          if (!persona) return sendJson(res, 404, { error: "unknown_persona", error_description: `No sandbox persona '${upn}'.` });
          faults.requireInteraction({ upn: persona.upn }, code);
        } else {
          const tenant = services.directory.tenant(tid!.toLowerCase());
          if (!tenant) return sendJson(res, 404, { error: "unknown_tenant", error_description: `No sandbox tenant '${tid}'.` });
          faults.requireInteraction({ tid: tenant.tid }, code);
        }
        sendJson(res, 200, faults.current());
      },
    },
    {
      method: "DELETE",
      path: "/sandbox/entra/faults/interaction-required",
      handle({ res }) {
        faults.clearInteraction();
        sendJson(res, 200, faults.current());
      },
    },
  ];
}
