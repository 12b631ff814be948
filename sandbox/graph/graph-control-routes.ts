import { z } from "zod";
import { readJson, sendJson } from "../server/http-io.js";
import type { SandboxRoute } from "../server/router.js";
import type { SandboxServices } from "../services.js";
import type { FaultPlan } from "./fault-plan.js";
import type { GraphProfiles } from "./graph-profiles.js";
import type { GraphRequestLog } from "./request-log.js";

const Fault = z.object({
  status: z.number().int().min(400).max(599).optional(),
  retryAfterSeconds: z.number().min(0).optional(),
  delayMs: z.number().int().min(0).max(60_000).optional(),
});
const ProfileChange = z
  .object({
    educationRole: z.enum(["teacher", "student", "none"]).nullable().optional(),
    licenses: z.array(z.string().max(100)).max(20).optional(),
    groups: z.array(z.string().max(64)).max(50).optional(),
  })
  .strict();
const Faults = z.union([z.array(Fault), z.object({ faults: z.array(Fault) }).transform((b) => b.faults)]);

/** Sandbox-only control of Graph: per-persona faults and directory data at runtime, and the request log. */
export function graphControlRoutes(services: SandboxServices, faults: FaultPlan, log: GraphRequestLog, profiles: GraphProfiles): SandboxRoute[] {
  return [
    {
      // The directory changes as it does in a real tenant (a student becomes staff): Graph answers the new data.
      method: "PUT",
      path: "/sandbox/graph/profile/:upn",
      async handle({ req, res, params }) {
        const persona = services.directory.byUpn(params.upn!);
        if (!persona) return sendJson(res, 404, { error: "unknown_persona", error_description: `No sandbox persona '${params.upn}'.` });
        const parsed = ProfileChange.safeParse(await readJson(req));
        if (!parsed.success) {
          return sendJson(res, 400, { error: "invalid_request", error_description: "Body must be {educationRole?: teacher|student|none|null, licenses?: [sku], groups?: [id]}." });
        }
        profiles.change(persona.upn, parsed.data);
        const { educationRole, licenses, groups } = profiles.of(persona).graph;
        sendJson(res, 200, { upn: persona.upn, graph: { educationRole, licenses, groups } });
      },
    },
    {
      method: "PUT",
      path: "/sandbox/graph/faults/:upn",
      async handle({ req, res, params }) {
        const persona = services.directory.byUpn(params.upn!);
        if (!persona) return sendJson(res, 404, { error: "unknown_persona", error_description: `No sandbox persona '${params.upn}'.` });
        const parsed = Faults.safeParse(await readJson(req));
        if (!parsed.success) return sendJson(res, 400, { error: "invalid_request", error_description: "Body must be a list of {status?, retryAfterSeconds?, delayMs?}." });
        faults.set(persona.upn, parsed.data);
        sendJson(res, 200, { upn: persona.upn, faults: faults.current(persona) });
      },
    },
    {
      method: "GET",
      path: "/sandbox/graph/requests",
      handle: ({ res, url }) => sendJson(res, 200, log.list(url.searchParams.get("upn"))),
    },
    {
      method: "DELETE",
      path: "/sandbox/graph/requests",
      handle({ res }) {
        log.clear();
        // Not chained: restify, loaded in the same process as the app, replaces writeHead with one that returns nothing.
        res.writeHead(204);
        res.end();
      },
    },
  ];
}
