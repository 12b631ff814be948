import { z } from "zod/v4";
import type { AnyRoute } from "./route.js";

const toOpenApiPath = (path: string) => path.replace(/:(\w+)/g, "{$1}");

function schemaOf(schema: z.ZodType | undefined): Record<string, unknown> | undefined {
  if (!schema) return undefined;
  const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
  delete json.$schema;
  return json;
}

function parametersOf(schema: z.ZodType | undefined, location: "path" | "query") {
  const json = schemaOf(schema) as { properties?: Record<string, unknown>; required?: string[] } | undefined;
  return Object.entries(json?.properties ?? {}).map(([name, property]) => ({
    name,
    in: location,
    required: location === "path" || (json?.required ?? []).includes(name),
    schema: property,
  }));
}

/** The OpenAPI document is built from the same route specs that serve requests, so it cannot drift. */
export function buildOpenApi(routes: AnyRoute[], info: { version: string }): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const method = route.method === "del" ? "delete" : route.method;
    const responses: Record<string, unknown> = {
      "2XX": route.response
        ? { description: "Success", content: { "application/json": { schema: schemaOf(route.response) } } }
        : { description: "Success" },
    };
    for (const status of route.problems ?? []) {
      responses[String(status)] = { $ref: "#/components/responses/Problem" };
    }
    if (route.auth !== "none") responses["401"] = { $ref: "#/components/responses/Problem" };
    if (route.auth === "orgAdmin") {
      // Another organization's id answers 404 (ids cannot be probed); a member who is not an admin, 403.
      responses["403"] = { $ref: "#/components/responses/Problem" };
      responses["404"] = { $ref: "#/components/responses/Problem" };
    }
    paths[toOpenApiPath(route.path)] ??= {};
    paths[toOpenApiPath(route.path)]![method] = {
      summary: route.summary,
      tags: route.tags,
      security: route.auth === "none" ? [] : [{ entra: [] }],
      // Who may call it, as the edge enforces it: "none", "user", or "orgAdmin" (an admin of the path's orgId).
      "x-rosterlink-auth": route.auth,
      parameters: [...parametersOf(route.params, "path"), ...parametersOf(route.query, "query")],
      ...(route.body
        ? { requestBody: { required: true, content: { "application/json": { schema: schemaOf(route.body) } } } }
        : {}),
      responses,
    };
  }
  return {
    openapi: "3.1.0",
    info: { title: "RosterLink API", version: info.version },
    paths,
    components: {
      securitySchemes: {
        entra: { type: "http", scheme: "bearer", bearerFormat: "JWT", description: "Microsoft Entra ID v2 access token for the app (scope access_as_user)." },
      },
      responses: {
        Problem: {
          description: "application/problem+json with a stable `code`",
          content: {
            "application/problem+json": {
              schema: {
                type: "object",
                required: ["type", "title", "status", "code"],
                properties: {
                  type: { type: "string" },
                  title: { type: "string" },
                  status: { type: "integer" },
                  code: { type: "string" },
                  detail: { type: "string" },
                },
              },
            },
          },
        },
      },
    },
  };
}
