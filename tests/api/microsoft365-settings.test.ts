import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONTOSO_TID, FABRIKAM_TID, NORTHWIND_TID } from "../../sandbox/fixtures/index.js";
import { stableId } from "../../api/domain/seed.js";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { DATABASE_KINDS } from "../helpers/databases.js";
import { submitPersonaPage } from "../helpers/sandbox-browser.js";

const contoso = stableId(`org:${CONTOSO_TID}`);
const fabrikam = stableId(`org:${FABRIKAM_TID}`);
const northwind = stableId(`org:${NORTHWIND_TID}`);
const PRINCIPAL = "principal@contoso.example";

async function acceptConsent(t: TestApp, consentUrl: string, upn: string) {
  const { location } = await submitPersonaPage(t.sandbox.caCertPem, consentUrl, { upn, button: { name: "decision", value: "accept" } });
  const callback = new URL(location);
  const answer = await t.call("GET", `${callback.pathname}${callback.search}`);
  return new URL(String(answer.headers.location)).searchParams.get("consent");
}

describe("Microsoft 365 settings", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it("shows Contoso's active link with roster data, the permissions and why, and nothing to do", async () => {
    const settings = await t.call("GET", `/api/orgs/${contoso}/microsoft365`, { as: PRINCIPAL });
    expect(settings.status).toBe(200);
    expect(settings.body).toMatchObject({ plan: "school", available: true, multipleTenants: false, status: "active" });
    const [link] = settings.body.tenants;
    expect(link).toMatchObject({ tid: CONTOSO_TID, status: "active", rosterAccess: true, waitingToJoin: 0 });
    expect(link.nextStep).toMatch(/Nothing to do/);
    expect(link.permissions.map((p: { scope: string }) => p.scope)).toEqual(["openid", "profile", "User.Read", "EduRoster.ReadBasic"]);
    expect(link.permissions.every((p: { why: string; granted: boolean }) => p.why.length > 20 && p.granted)).toBe(true);
  });

  it("an unknown domain is a clear 400 with its own code, and a malformed tenant another", async () => {
    const unknown = await t.call("PUT", `/api/orgs/${northwind}/microsoft365`, { as: "owner@northwind.example", body: { tenant: "nowhere.example", rosterData: true } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.code).toBe("unknown_tenant_domain");
    const malformed = await t.call("PUT", `/api/orgs/${northwind}/microsoft365`, { as: "owner@northwind.example", body: { tenant: "../common/x", rosterData: true } });
    expect(malformed.body.code).toBe("invalid_tenant");
    const personal = await t.call("PUT", `/api/orgs/${northwind}/microsoft365`, { as: "owner@northwind.example", body: { tenant: "live.example" } });
    expect(personal.body.code).toBe("personal_accounts_tenant");
    expect(await t.app.store.models.TenantLink.count({ where: { organizationId: northwind } })).toBe(0);
  });

  it("refuses a tenant that is linked to another organization", async () => {
    const answer = await t.call("PUT", `/api/orgs/${northwind}/microsoft365`, { as: "owner@northwind.example", body: { tenant: "contoso.example", rosterData: true } });
    expect(answer.status).toBe(409);
    expect(answer.body.code).toBe("tenant_already_linked");
    expect((await t.app.store.models.TenantLink.findOne({ where: { tid: CONTOSO_TID }, raw: true }))?.organizationId).toBe(contoso);
  });

  it("a school links one tenant; a district links several", async () => {
    const school = await t.call("PUT", `/api/orgs/${contoso}/microsoft365`, { as: PRINCIPAL, body: { tenant: "northwind.example", rosterData: true } });
    expect(school.status).toBe(409);
    expect(school.body.code).toBe("tenant_limit_reached");
    const district = await t.call("PUT", `/api/orgs/${fabrikam}/microsoft365`, { as: "office@fabrikam.example", body: { tenant: "northwind.example", rosterData: true } });
    expect(district.status).toBe(200);
    const settings = await t.call("GET", `/api/orgs/${fabrikam}/microsoft365`, { as: "office@fabrikam.example" });
    expect(settings.body.multipleTenants).toBe(true);
    expect(settings.body.tenants.map((l: { tid: string }) => l.tid).sort()).toEqual([NORTHWIND_TID, FABRIKAM_TID].sort());
    expect(settings.body.tenants.every((l: { status: string }) => l.status === "awaiting_consent")).toBe(true);
  });

  it("changing the roster choice of an active link keeps it active and asks for consent again", async () => {
    const off = await t.call("PUT", `/api/orgs/${contoso}/microsoft365`, { as: PRINCIPAL, body: { tenant: CONTOSO_TID, rosterData: false } });
    expect(off.status).toBe(200);
    expect(off.body.tenant).toMatchObject({ status: "active_without_roster", rosterData: false, rosterAccess: false });
    expect(off.body.consentUrl).toContain(`/${CONTOSO_TID}/v2.0/adminconsent`);
    const on = await t.call("PUT", `/api/orgs/${contoso}/microsoft365`, { as: PRINCIPAL, body: { tenant: "contoso.example", rosterData: true } });
    expect(on.body.tenant).toMatchObject({ status: "active_without_roster", rosterData: true });
    expect(on.body.tenant.nextStep).toMatch(/requested but not granted/);
    expect(await acceptConsent(t, on.body.consentUrl, PRINCIPAL)).toBe("granted");
    const settings = await t.call("GET", `/api/orgs/${contoso}/microsoft365`, { as: PRINCIPAL });
    expect(settings.body.tenants[0]).toMatchObject({ status: "active", rosterAccess: true });
  });

  it("a sign-in that finds consent revoked marks the link; the settings show the fix; a new consent clears it", async () => {
    expect((await t.sandboxCall("POST", "/sandbox/consent/revoke", { tid: CONTOSO_TID })).status).toBe(200);
    const signIn = await t.call("POST", "/api/session", { as: "teacher@contoso.example" });
    expect(signIn.status).toBe(200);

    const settings = await t.call("GET", `/api/orgs/${contoso}/microsoft365`, { as: PRINCIPAL });
    const [link] = settings.body.tenants;
    expect(settings.body.status).toBe("needs_attention");
    expect(link).toMatchObject({ status: "needs_attention", attentionCode: "AADSTS65001" });
    expect(link.nextStep).toMatch(/consent for RosterLink was revoked/);
    const popup = await t.call("POST", `/api/orgs/${contoso}/microsoft365/${CONTOSO_TID}/consent`, { as: PRINCIPAL });
    expect(popup.body.consentUrl).toContain(`/${CONTOSO_TID}/v2.0/adminconsent`);

    expect(await acceptConsent(t, popup.body.consentUrl, PRINCIPAL)).toBe("granted");
    const fixed = await t.call("GET", `/api/orgs/${contoso}/microsoft365`, { as: PRINCIPAL });
    expect(fixed.body.tenants[0]).toMatchObject({ status: "active", attentionCode: null });
  });

  it("unlinking stops auto-join and keeps every member", async () => {
    const members = await t.app.store.models.Membership.count({ where: { organizationId: contoso } });
    const unlinked = await t.call("DELETE", `/api/orgs/${contoso}/microsoft365/${CONTOSO_TID}`, { as: PRINCIPAL });
    expect(unlinked.status).toBe(200);
    expect(unlinked.body).toEqual({ tid: CONTOSO_TID, status: "not_linked", membersKept: members });
    expect(await t.app.store.models.Membership.count({ where: { organizationId: contoso } })).toBe(members);

    const settings = await t.call("GET", `/api/orgs/${contoso}/microsoft365`, { as: PRINCIPAL });
    expect(settings.body).toMatchObject({ status: "not_linked", tenants: [] });
    expect(settings.body.nextStep).toMatch(/tenant ID or one of its domains/);

    const newcomer = await t.call("POST", "/api/session", { as: "student@contoso.example" });
    expect(newcomer.status).toBe(200);
    expect(newcomer.body.membership).toBeNull();
    const audit = await t.call("GET", `/api/orgs/${contoso}/audit?limit=1`, { as: PRINCIPAL });
    expect(audit.body.items[0]).toMatchObject({ action: "tenant.unlinked", target: { type: "tenant", id: CONTOSO_TID } });

    const again = await t.call("DELETE", `/api/orgs/${contoso}/microsoft365/${CONTOSO_TID}`, { as: PRINCIPAL });
    expect(again.status).toBe(404);
  });
});

describe("when Microsoft's sign-in service does not answer", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it("saving a tenant by domain is a 503 problem and nothing changes", async () => {
    // Verify a token while the authority is up, so its keys are cached; then take the authority down.
    expect((await t.call("GET", `/api/orgs/${northwind}/microsoft365`, { as: "owner@northwind.example" })).status).toBe(200);
    await t.sandbox.close();
    const answer = await t.call("PUT", `/api/orgs/${northwind}/microsoft365`, { as: "owner@northwind.example", body: { tenant: "northwind.example", rosterData: true } });
    expect(answer.status).toBe(503);
    expect(answer.headers["content-type"]).toMatch(/application\/problem\+json/);
    expect(answer.body.code).toBe("tenant_lookup_unavailable");
    expect(await t.app.store.models.TenantLink.count({ where: { organizationId: northwind } })).toBe(0);
  });
});

describe.each(DATABASE_KINDS)("one tenant links to at most one organization, even under concurrency (%s)", (database) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ database });
  });
  afterAll(() => t?.close());

  it("two organizations saving the same tenant at once: one links it, the other is refused", async () => {
    const body = { tenant: "tailspin.example", rosterData: true };
    const answers = await Promise.all([
      t.call("PUT", `/api/orgs/${northwind}/microsoft365`, { as: "owner@northwind.example", body }),
      t.call("PUT", `/api/orgs/${fabrikam}/microsoft365`, { as: "office@fabrikam.example", body }),
      t.call("PUT", `/api/orgs/${northwind}/microsoft365`, { as: "owner@northwind.example", body }),
    ]);
    const links = await t.app.store.models.TenantLink.findAll({ where: { tid: "7a150000-0000-4000-8000-000000000004" }, raw: true });
    expect(links).toHaveLength(1);
    const winner = links[0]!.organizationId === northwind ? "northwind" : "fabrikam";
    const statuses = answers.map((a) => a.status);
    expect(statuses).toEqual(winner === "northwind" ? [200, 409, 200] : [409, 200, 409]);
    expect(answers.filter((a) => a.status === 409).every((a) => a.body.code === "tenant_already_linked")).toBe(true);
  });
});
