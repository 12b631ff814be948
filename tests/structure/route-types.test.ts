import { describe, expect, it } from "vitest";
import { z } from "zod/v4";
import { defineRoute } from "../../api/http/route.js";

/**
 * The route contract is checked by the compiler (`npm run typecheck` covers tests/): each
 * `@ts-expect-error` below must stay an error, or the typecheck fails. The runtime assertions only keep
 * the specs honest as values.
 */
const orgIdParams = z.object({ orgId: z.string() });
const memberResponse = z.object({ userId: z.string(), isAdmin: z.boolean() });

describe("a route's types follow its schemas and its auth level", () => {
  it("a handler must answer its response schema's shape", () => {
    const ok = defineRoute({
      method: "get", path: "/api/orgs/:orgId/x", summary: "", auth: "orgAdmin", params: orgIdParams, response: memberResponse,
      handler: async ({ actor }) => ({ body: { userId: actor.userId, isAdmin: true } }),
    });
    const wrong = defineRoute({
      method: "get", path: "/api/orgs/:orgId/y", summary: "", auth: "orgAdmin", params: orgIdParams, response: memberResponse,
      // @ts-expect-error isAdmin must be a boolean, as the response schema says
      handler: async () => ({ body: { userId: "u", isAdmin: "yes" } }),
    });
    expect([ok.auth, wrong.auth]).toEqual(["orgAdmin", "orgAdmin"]);
  });

  it("only an orgAdmin route is handed the admin it acts as", () => {
    const route = defineRoute({
      method: "get", path: "/api/me/x", summary: "", auth: "user",
      // @ts-expect-error a "user" route has no actor: it never went through the organization check
      handler: async ({ actor }) => ({ body: actor }),
    });
    expect(route.auth).toBe("user");
  });

  it("an orgAdmin route must take the organization from its path", () => {
    const route = defineRoute({
      // @ts-expect-error without an orgId param the edge would have nothing to authorize against
      method: "get", path: "/api/x", summary: "", auth: "orgAdmin", params: z.object({ id: z.string() }),
      handler: async () => ({}),
    });
    expect(route.path).toBe("/api/x");
  });
});
