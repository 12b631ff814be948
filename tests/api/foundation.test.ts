import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../helpers/app.js";

describe("the running app (sandbox mode)", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it("answers /api/health when its database answers", async () => {
    const answer = await t.call("GET", "/api/health");
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ status: "ok", database: "ok", mode: "sandbox" });
  });

  it("answers unknown API paths with problem+json and a stable code", async () => {
    const answer = await t.call("GET", "/api/no-such-thing");
    expect(answer.status).toBe(404);
    expect(answer.headers["content-type"]).toMatch(/application\/problem\+json/);
    expect(answer.body.code).toBe("not_found");
  });

  it("refuses a body larger than the limit before parsing it", async () => {
    const answer = await t.call("POST", "/api/health", { body: JSON.stringify({ padding: "x".repeat(300 * 1024) }) });
    expect([405, 413]).toContain(answer.status);
    expect(answer.headers["content-type"]).toMatch(/application\/problem\+json/);
  });

  it("serves an OpenAPI document that lists its routes", async () => {
    const answer = await t.call("GET", "/api/openapi.json");
    expect(answer.status).toBe(200);
    expect(answer.body.openapi).toMatch(/^3\./);
    expect(Object.keys(answer.body.paths)).toContain("/api/health");
  });

  it("serves Prometheus metrics, including the outbox's depth read from the database", async () => {
    const before = await t.call("GET", "/api/metrics");
    expect(before.status).toBe(200);
    expect(before.headers["content-type"]).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(before.text).toMatch(/^rosterlink_outbox_depth 0$/m);
    await t.app.store.models.Outbox.create({ kind: "join_request.created", payload: {}, status: "pending", availableAt: new Date(Date.now() - 5_000) });
    const after = await t.call("GET", "/api/metrics");
    expect(after.text).toMatch(/^rosterlink_outbox_depth 1$/m);
    expect(Number(/^rosterlink_outbox_oldest_age_seconds (\S+)$/m.exec(after.text)?.[1])).toBeGreaterThanOrEqual(0);
    await t.app.store.models.Outbox.destroy({ where: {} });
  });

  it("seeds the sandbox's organizations once, idempotently", async () => {
    const count = await t.app.store.models.Organization.count();
    expect(count).toBeGreaterThanOrEqual(4);
    const links = await t.app.store.models.TenantLink.findAll({ raw: true });
    expect(links.map((l) => [l.tid, l.status]).sort()).toEqual([
      ["c0a70500-0000-4000-8000-000000000001", "active"],
      ["fab00000-0000-4000-8000-000000000002", "awaiting_consent"],
    ]);
  });

  it("serves the tab's page with a CSP that only Teams, Microsoft 365 and the sandbox host may frame", async () => {
    const answer = await t.call("GET", "/");
    expect(answer.status).toBe(200);
    const csp = String(answer.headers["content-security-policy"]);
    expect(csp).toContain("frame-ancestors 'self' https://teams.microsoft.com");
    expect(csp).toContain(t.sandbox.httpUrl);
    expect(csp).not.toMatch(/frame-ancestors[^;]*\*(?!\.)/);
  });
});
