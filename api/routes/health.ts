import { z } from "zod/v4";
import { defineRoute } from "../http/route.js";
import { unavailable } from "../errors.js";
import type { AppContext } from "../context.js";

export const healthResponse = z.object({ status: z.literal("ok"), database: z.literal("ok"), mode: z.enum(["sandbox", "production"]) });

/** Liveness and readiness in one: the app is only healthy if its database answers. */
export const healthRoutes = (deps: AppContext) => [
  defineRoute({
    method: "get",
    path: "/api/health",
    summary: "Health: the process runs and its database answers",
    tags: ["operations"],
    auth: "none",
    response: healthResponse,
    problems: [503],
    async handler() {
      try {
        await deps.store.sequelize.query("SELECT 1");
      } catch {
        throw unavailable("database_unavailable", "The database does not answer.");
      }
      return { body: { status: "ok" as const, database: "ok" as const, mode: deps.mode } };
    },
  }),
];
