import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../helpers/app.js";

/**
 * Who may call each route is declared on the route (`auth`) and enforced by the edge, not by each handler
 * (docs/architecture.md). This table is the review point: a new route, or a changed level, fails here until
 * the table says so. The behaviour behind "orgAdmin" is tested in authorization-org-routes.test.ts.
 */
const EXPECTED: Record<string, "none" | "user" | "orgAdmin"> = {
  "get /api/health": "none",
  "get /api/metrics": "none",
  "get /api/client-config": "none",
  "get /api/consent/callback": "none",
  "post /api/auth/token": "none",
  "post /api/session": "user",
  "put /api/me/account-type": "user",
  "post /api/me/join-request": "user",
  "delete /api/me/join-offer": "user",
  "get /api/orgs/{orgId}/microsoft365": "orgAdmin",
  "put /api/orgs/{orgId}/microsoft365": "orgAdmin",
  "delete /api/orgs/{orgId}/microsoft365/{tid}": "orgAdmin",
  "patch /api/orgs/{orgId}/microsoft365/{tid}": "orgAdmin",
  "post /api/orgs/{orgId}/microsoft365/{tid}/consent": "orgAdmin",
  "post /api/orgs/{orgId}/microsoft365/{tid}/consent-link": "orgAdmin",
  "get /api/orgs/{orgId}/members": "orgAdmin",
  "patch /api/orgs/{orgId}/members/{userId}": "orgAdmin",
  "delete /api/orgs/{orgId}/members/{userId}": "orgAdmin",
  "post /api/orgs/{orgId}/members/account-type-rechecks": "orgAdmin",
  "post /api/orgs/{orgId}/members/removals": "orgAdmin",
  "get /api/orgs/{orgId}/audit": "orgAdmin",
  "get /api/orgs/{orgId}/requests": "orgAdmin",
  "post /api/orgs/{orgId}/requests/{id}/approve": "orgAdmin",
  "post /api/orgs/{orgId}/requests/{id}/reject": "orgAdmin",
  "post /api/orgs/{orgId}/requests/decisions": "orgAdmin",
  "get /api/orgs/{orgId}/account-type-settings": "orgAdmin",
  "put /api/orgs/{orgId}/account-type-settings": "orgAdmin",
  "get /api/orgs/{orgId}/provisioning": "orgAdmin",
  "post /api/orgs/{orgId}/provisioning/tenants/{tid}/secret": "orgAdmin",
  "delete /api/orgs/{orgId}/provisioning/tenants/{tid}": "orgAdmin",
  "put /api/orgs/{orgId}/provisioning/leavers": "orgAdmin",
};

interface Operation {
  "x-rosterlink-auth": string;
  security: unknown[];
  responses: Record<string, unknown>;
}

describe("every route declares who may call it", () => {
  let t: TestApp;
  let operations: Map<string, Operation>;
  beforeAll(async () => {
    t = await startTestApp();
    const openapi = await t.call("GET", "/api/openapi.json");
    const paths = openapi.body.paths as Record<string, Record<string, Operation>>;
    operations = new Map(Object.entries(paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => [`${method} ${path}`, op] as const)));
  });
  afterAll(() => t?.close());

  // The document lists every route but its own (/api/openapi.json, public).
  it("the declared levels are the reviewed table, route for route", () => {
    const declared = Object.fromEntries([...operations].map(([key, op]) => [key, op["x-rosterlink-auth"]]));
    expect(declared).toEqual(EXPECTED);
  });

  it("nothing under an organization's path is open to any signed-in user", () => {
    const orgRoutes = [...operations].filter(([key]) => key.split(" ")[1]!.startsWith("/api/orgs/{orgId}"));
    expect(orgRoutes.length).toBeGreaterThan(0);
    for (const [key, op] of orgRoutes) expect(op["x-rosterlink-auth"], key).toBe("orgAdmin");
  });

  it("the document tells clients what each level can answer", () => {
    for (const [key, op] of operations) {
      const level = op["x-rosterlink-auth"];
      expect(op.security.length > 0, key).toBe(level !== "none");
      expect("401" in op.responses, key).toBe(level !== "none");
      if (level === "orgAdmin") expect(["403", "404"].every((status) => status in op.responses), key).toBe(true);
    }
  });
});
