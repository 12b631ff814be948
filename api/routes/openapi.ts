import { z } from "zod/v4";
import { defineRoute, type AnyRoute } from "../http/route.js";
import { buildOpenApi } from "../http/openapi.js";

/** Served from the same route specs that handle requests (docs/spec.md §13). */
export const openApiRoutes = (routes: () => AnyRoute[]) => {
  let document: Record<string, unknown> | undefined;
  return [
    defineRoute({
      method: "get",
      path: "/api/openapi.json",
      summary: "This document",
      tags: ["operations"],
      auth: "none",
      response: z.record(z.string(), z.unknown()).describe("An OpenAPI 3.1 document"),
      async handler() {
        document ??= buildOpenApi(routes(), { version: "0.1.0" });
        return { body: document };
      },
    }),
  ];
};
