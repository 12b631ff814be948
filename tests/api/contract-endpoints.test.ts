import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as contract from "../../contract/index.js";
import { urlOf, verbOf, type Endpoint } from "../../contract/endpoint.js";
import { startTestApp, type TestApp } from "../helpers/app.js";

/** Every endpoint the contract describes (the `…Endpoints` groups of contract/index.ts). */
const endpoints: Endpoint[] = Object.entries(contract)
  .filter(([name]) => name.endsWith("Endpoints"))
  .flatMap(([, group]) => Object.values(group as Record<string, Endpoint>));

/** Served but not for the tab: operations and Microsoft's redirect. */
const OUTSIDE_CONTRACT = ["get /api/health", "get /api/metrics", "get /api/consent/callback"];

const key = (method: string, path: string) => `${method === "del" ? "delete" : method} ${path.replace(/:(\w+)/g, "{$1}")}`;

describe("the contract's endpoints are the API the server serves", () => {
  let t: TestApp;
  let served: string[];
  beforeAll(async () => {
    t = await startTestApp();
    const openapi = await t.call("GET", "/api/openapi.json");
    served = Object.entries(openapi.body.paths as Record<string, Record<string, unknown>>).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method} ${path}`),
    );
  });
  afterAll(() => t?.close());

  it("each endpoint is served, and each served route but operations comes from an endpoint", () => {
    const described = endpoints.map((e) => key(e.method, e.path));
    expect(new Set(described).size).toBe(described.length);
    expect([...described].sort()).toEqual(served.filter((route) => !OUTSIDE_CONTRACT.includes(route)).sort());
  });

  it("a call's URL encodes its path parameters and drops empty query values", () => {
    const members = contract.membersEndpoints.update;
    expect(urlOf(members, { orgId: "a/b", userId: "c d" })).toBe("/api/orgs/a%2Fb/members/c%20d");
    expect(urlOf(contract.membersEndpoints.list, { orgId: "o" }, { q: "", cursor: undefined, limit: 20 })).toBe("/api/orgs/o/members?limit=20");
    expect(() => urlOf(members, { orgId: "o" })).toThrow(/userId/);
    expect(verbOf(contract.membersEndpoints.remove.method)).toBe("DELETE");
  });
});
