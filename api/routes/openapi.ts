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
      async handler() {
        document ??= buildOpenApi(routes(), { version: "0.1.0" });
        return { body: document };
      },
    }),
  ];
};
