import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONTOSO_TID, personas } from "../../sandbox/fixtures/index.js";
import { stableId } from "../../api/domain/seed.js";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { DATABASE_KINDS } from "../helpers/databases.js";

const contoso = stableId(`org:${CONTOSO_TID}`);
const PRINCIPAL = "principal@contoso.example";
const job = `/sandbox/provisioning/${CONTOSO_TID}`;
const inScope = personas.filter((p) => p.tid === CONTOSO_TID && !p.guest);

/** The sandbox plays Entra's provisioning service against the app's SCIM endpoint, over real HTTP. */
describe.each(DATABASE_KINDS)("a provisioning cycle from the sandbox (%s)", (database) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ database });
  });
  afterAll(() => t?.close());

  const memberNames = async () => {
    const page = await t.call("GET", `/api/orgs/${contoso}/members?limit=100`, { as: PRINCIPAL });
    return (page.body.items as Array<{ displayName: string }>).map((m) => m.displayName);
  };
  const provisioningAudits = async () => {
    const page = await t.call("GET", `/api/orgs/${contoso}/audit?limit=100`, { as: PRINCIPAL });
    return (page.body.items as Array<{ action: string; channel: string; details: any }>).filter((a) => a.channel === "provisioning");
  };

  it("Entra's test connection fails with a wrong secret and passes with the one RosterLink issued", async () => {
    await t.sandboxCall("POST", `${job}/credentials`, { tenantUrl: `${t.url}/scim/v2`, secretToken: "not-the-secret" });
    expect((await t.sandboxCall("POST", `${job}/test-connection`)).body).toMatchObject({ ok: false, status: 401 });
    const failed = await t.sandboxCall("POST", `${job}/cycle`);
    expect(failed.body.summary).toMatchObject({ created: 0, failed: inScope.length });

    const issued = await t.call("POST", `/api/orgs/${contoso}/provisioning/tenants/${CONTOSO_TID}/secret`, { as: PRINCIPAL });
    const saved = await t.sandboxCall("POST", `${job}/credentials`, { tenantUrl: `${t.url}/scim/v2`, secretToken: issued.body.secret });
    expect(saved.body).toMatchObject({ secretTokenSet: true });
    expect(saved.text).not.toContain(issued.body.secret);
    expect((await t.sandboxCall("POST", `${job}/test-connection`)).body).toMatchObject({ ok: true, status: 200 });
  });

  it("the first cycle creates everyone assigned who is missing and brings in the tenant's individuals; the second changes nothing", async () => {
    const before = await memberNames();
    expect(before).not.toContain("Tomas Torres");
    const first = await t.sandboxCall("POST", `${job}/cycle`);
    expect(first.status).toBe(200);
    expect(first.body.summary.failed).toBe(0);
    expect(first.body.summary.created).toBeGreaterThan(0);
    expect(first.body.summary.created + first.body.summary.updated + first.body.summary.unchanged).toBe(inScope.length);
    const after = await memberNames();
    for (const p of inScope) expect(after).toContain(p.displayName);
    expect((await provisioningAudits()).filter((a) => a.action === "member.joined").length).toBe(first.body.summary.created + first.body.summary.updated);

    const second = await t.sandboxCall("POST", `${job}/cycle`);
    expect(second.body.summary).toMatchObject({ created: 0, updated: 0, disabled: 0, failed: 0, unchanged: inScope.length });
  });

  it("a leaver is disabled and leaves Members, a renamed person is patched, and both show in Activity", async () => {
    expect((await t.sandboxCall("POST", `${job}/personas/teacher@contoso.example`, { left: true })).body.leavers).toEqual(["teacher@contoso.example"]);
    await t.sandboxCall("POST", `${job}/personas/student@contoso.example`, { displayName: "Sofia Silva-Santos" });
    const cycle = await t.sandboxCall("POST", `${job}/cycle`);
    expect(cycle.body.summary).toMatchObject({ disabled: 1, updated: 1, failed: 0 });

    const names = await memberNames();
    expect(names).not.toContain("Tomas Torres");
    expect(names).toContain("Sofia Silva-Santos");
    expect((await provisioningAudits())[0]).toMatchObject({ action: "member.removed", details: { displayName: "Tomas Torres", via: "provisioning" } });
    const state = await t.sandboxCall("GET", `${job}/state`);
    expect(state.body.log.some((e: { method: string; action?: string; upn?: string }) => e.method === "PATCH" && e.action === "disabled" && e.upn === "teacher@contoso.example")).toBe(true);

    // Their Teams sign-in does not bring them back on its own.
    const session = await t.call("POST", "/api/session", { as: "teacher@contoso.example" });
    expect(session.body.membership).toBeNull();
  });

  it("sends single requests, and the start page links each tenant's provisioning page", async () => {
    const single = await t.sandboxCall("POST", `${job}/request`, { method: "GET", path: "/Users?startIndex=1&count=2" });
    expect(single.body).toMatchObject({ status: 200, body: { itemsPerPage: 2 } });
    const malformed = await t.sandboxCall("POST", `${job}/request`, { method: "POST", path: "/Users", body: { userName: "x@contoso.example", externalId: "nope" } });
    expect(malformed.body).toMatchObject({ status: 400, body: { scimType: "invalidValue" } });
    const start = await t.sandboxCall("GET", "/");
    expect(start.text).toContain(`href="/sandbox/provisioning/${CONTOSO_TID}"`);
    const page = await t.sandboxCall("GET", job);
    expect(page.status).toBe(200);
    expect(page.text).toContain("Start a provisioning cycle");
  });
});
