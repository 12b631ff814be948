import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TokenBuckets } from "../../api/http/rate-limit.js";
import { startTestApp, type TestApp } from "../helpers/app.js";

/** SPEC §9: POST /api/session is limited per client address and per tenant, answering 429 with Retry-After. */
describe("sign-in rate limit", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ tuning: { sessionRateLimit: { perAddressPerMinute: 5, perTenantPerMinute: 3 } } });
  });
  afterAll(() => t?.close());

  it("a tenant signing in faster than its allowance gets 429 with Retry-After; other tenants still get in", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await t.call("POST", "/api/session", { as: "office@contoso.example" })).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    // Another tenant behind the same address still gets in, until the address's own allowance (5) is spent.
    expect((await t.call("POST", "/api/session", { as: "kim@outlook.example" })).status).toBe(200);
    const refused = await t.call("POST", "/api/session", { as: "sam@live.example" });
    expect(refused.status).toBe(429);
    expect(refused.headers["content-type"]).toMatch(/application\/problem\+json/);
    expect(refused.body.code).toBe("rate_limited");
    expect(Number(refused.headers["retry-after"])).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers["retry-after"])).toBeLessThanOrEqual(20);
    // Refused before any account was made.
    expect(await t.app.store.models.User.count({ where: { tid: "9188040d-6c67-4c5b-b112-36a304b66dad", displayName: "Sam Sky" } })).toBe(0);
  });

  it("other routes are not limited by it", async () => {
    expect((await t.call("GET", "/api/health")).status).toBe(200);
  });
});

describe("token buckets", () => {
  it("refill at the configured rate per minute", () => {
    let now = 0;
    const buckets = new TokenBuckets(60, () => now);
    for (let i = 0; i < 60; i++) expect(buckets.take("school")).toBe(0);
    expect(buckets.take("school")).toBe(1);
    now += 1000;
    expect(buckets.take("school")).toBe(0);
    expect(buckets.take("another")).toBe(0);
  });
});
