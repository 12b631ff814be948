import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../api/config.js";
import { CONTOSO_TID } from "../../sandbox/fixtures/index.js";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { DATABASE_KINDS } from "../helpers/databases.js";

// An hour-long window: nothing in these tests can straddle two windows and see its count reset.
const HOUR_WINDOW = { RATE_LIMIT_WINDOW_SECONDS: "3600" };
const NEW_CONTOSO_PEOPLE = ["teacher@contoso.example", "student@contoso.example", "nosignal@contoso.example", "it@contoso.example", "guest@contoso.example"];

/** docs/spec.md §9: limits come from the environment and are validated like the rest of the configuration. */
describe("rate limits in the configuration", () => {
  it("have defaults, and each comes from its variable", () => {
    expect(loadConfig({}).limits).toEqual({ windowSeconds: 60, firstSignInsPerTenant: 6_000, failedTokensPerAddress: 300 });
    const limits = loadConfig({ RATE_LIMIT_WINDOW_SECONDS: "10", RATE_LIMIT_FIRST_SIGN_INS_PER_TENANT: "250", RATE_LIMIT_FAILED_TOKENS_PER_ADDRESS: "7" }).limits;
    expect(limits).toEqual({ windowSeconds: 10, firstSignInsPerTenant: 250, failedTokensPerAddress: 7 });
  });

  it.each([
    ["RATE_LIMIT_WINDOW_SECONDS", "0"],
    ["RATE_LIMIT_WINDOW_SECONDS", "1.5"],
    ["RATE_LIMIT_FIRST_SIGN_INS_PER_TENANT", "lots"],
    ["RATE_LIMIT_FAILED_TOKENS_PER_ADDRESS", "-1"],
  ])("a wrong %s (%s) stops the start naming the variable", (variable, value) => {
    expect(() => loadConfig({ [variable]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [variable]: value })).toThrow(new RegExp(`^Configuration error: ${variable} `));
  });
});

describe("first sign-ins per tenant", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { ...HOUR_WINDOW, RATE_LIMIT_FIRST_SIGN_INS_PER_TENANT: "2" } });
  });
  afterAll(() => t?.close());

  it("a tenant's first sign-ins beyond the allowance get 429 with Retry-After, and nothing is created for them", async () => {
    expect((await t.call("POST", "/api/session", { as: "teacher@contoso.example" })).status).toBe(200);
    expect((await t.call("POST", "/api/session", { as: "student@contoso.example" })).status).toBe(200);
    const refused = await t.call("POST", "/api/session", { as: "nosignal@contoso.example" });
    expect(refused.status).toBe(429);
    expect(refused.headers["content-type"]).toMatch(/application\/problem\+json/);
    expect(refused.body.code).toBe("rate_limited");
    const retryAfter = Number(refused.headers["retry-after"]);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    expect(await t.app.store.models.User.count({ where: { tid: CONTOSO_TID, oid: "c0a70500-a000-4000-8000-000000000006" } })).toBe(0);
    // Another tenant has its own allowance.
    expect((await t.call("POST", "/api/session", { as: "kim@outlook.example" })).status).toBe(200);
  });

  it("a returning member is never refused by the tenant limit, however often they sign in", async () => {
    const answers = await Promise.all(Array.from({ length: 60 }, () => t.call("POST", "/api/session", { as: "office@contoso.example" })));
    expect(answers.map((a) => a.status)).toEqual(Array(60).fill(200));
    // Nor is a member who joined a moment ago, and the tenant is still closed to newcomers.
    expect((await t.call("POST", "/api/session", { as: "teacher@contoso.example" })).status).toBe(200);
    expect((await t.call("POST", "/api/session", { as: "it@contoso.example" })).status).toBe(429);
  });
});

describe("failed tokens per address", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { ...HOUR_WINDOW, RATE_LIMIT_FAILED_TOKENS_PER_ADDRESS: "3" } });
  });
  afterAll(() => t?.close());

  it("an address sending invalid tokens is refused with 429 before verification, while tokens that already verified keep working", async () => {
    const member = await t.token("office@contoso.example");
    expect((await t.call("POST", "/api/session", { token: member })).status).toBe(200);
    const forged = `${member.slice(0, -4)}AAAA`;
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await t.call("POST", "/api/session", { token: forged })).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
    const refused = await t.call("GET", "/api/orgs/x/members", { token: "not-a-token" });
    expect(refused.status).toBe(429);
    expect(refused.body.code).toBe("rate_limited");
    expect(Number(refused.headers["retry-after"])).toBeGreaterThanOrEqual(1);
    // The member's token verified before, so it is answered from the cache and never refused here.
    expect((await t.call("POST", "/api/session", { token: member })).status).toBe(200);
    // A token never seen from this address waits out the window like the bad ones.
    expect((await t.call("POST", "/api/session", { as: "principal@contoso.example" })).status).toBe(429);
  });
});

/** docs/spec.md §9–10: the first-sign-in limit is one count for every instance, kept in the shared database. */
describe.each(DATABASE_KINDS.filter((kind) => kind === "postgres"))("first sign-ins across two instances (%s)", (database) => {
  const instances: TestApp[] = [];
  beforeAll(async () => {
    const env = { ...HOUR_WINDOW, RATE_LIMIT_FIRST_SIGN_INS_PER_TENANT: "2" };
    const first = await startTestApp({ database, env });
    instances.push(first, await startTestApp({ sharedDatabase: first.database, sharedSandbox: first.sandbox, env }));
  });
  afterAll(async () => {
    for (const instance of [...instances].reverse()) await instance.close();
  });

  it("five new people arriving at once on two instances: exactly the allowance gets in, the rest get 429", async () => {
    const { User } = instances[0]!.app.store.models;
    const before = await User.count({ where: { tid: CONTOSO_TID } });
    const tokens = await Promise.all(NEW_CONTOSO_PEOPLE.map((upn) => instances[0]!.token(upn)));
    const answers = await Promise.all(tokens.map((token, i) => instances[i % 2]!.call("POST", "/api/session", { token })));
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([200, 200, 429, 429, 429]);
    expect(await User.count({ where: { tid: CONTOSO_TID } })).toBe(before + 2);
    // A returning member is let in on both instances all the same.
    for (const instance of instances) expect((await instance.call("POST", "/api/session", { as: "office@contoso.example" })).status).toBe(200);
  });
});

