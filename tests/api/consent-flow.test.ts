import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONTOSO_TID, FABRIKAM_TID, NORTHWIND_TID, TAILSPIN_TID } from "../../sandbox/fixtures/index.js";
import { stableId } from "../../api/domain/seed.js";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { consentThroughEntra } from "../helpers/consent.js";
import { submitPersonaPage } from "../helpers/sandbox-browser.js";

const northwind = stableId(`org:${NORTHWIND_TID}`);
const fabrikam = stableId(`org:${FABRIKAM_TID}`);
const tailspin = stableId(`org:${TAILSPIN_TID}`);

/** Plays the tenant admin's browser on the sandbox's real /adminconsent page, then follows Entra's redirect to the app. */
async function consentAs(t: TestApp, consentUrl: string, upn: string, decision: "accept" | "decline" = "accept") {
  const { location } = await submitPersonaPage(t.sandbox.caCertPem, consentUrl, { upn, button: { name: "decision", value: decision } });
  const callback = new URL(location);
  expect(callback.pathname).toBe("/api/consent/callback");
  const answer = await t.call("GET", `${callback.pathname}${callback.search}`);
  expect(answer.status).toBe(302);
  const target = new URL(String(answer.headers.location));
  expect(`${target.origin}${target.pathname}`).toBe(`${t.url}/auth-end.html`);
  return { outcome: target.searchParams.get("consent"), params: Object.fromEntries(callback.searchParams) };
}

const auditActions = async (t: TestApp, as: string, orgId: string) =>
  ((await t.call("GET", `/api/orgs/${orgId}/audit?limit=100`, { as })).body.items as Array<{ action: string; details: Record<string, unknown> }>);

describe("Northwind's admin connects the tenant with roster data", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it("resolves the domain to the tenant's GUID and answers an admin-consent URL for that tenant", async () => {
    const saved = await t.call("PUT", `/api/orgs/${northwind}/microsoft365`, { as: "owner@northwind.example", body: { tenant: "Northwind.Example", rosterData: true } });
    expect(saved.status).toBe(200);
    expect(saved.body.tenant).toMatchObject({ tid: NORTHWIND_TID, domain: "northwind.example", status: "awaiting_consent", rosterData: true });
    const url = new URL(saved.body.consentUrl);
    expect(`${url.origin}${url.pathname}`).toBe(`${t.sandbox.httpUrl}/${NORTHWIND_TID}/v2.0/adminconsent`);
    expect(url.searchParams.get("redirect_uri")).toBe(`${t.url}/api/consent/callback`);
    expect(url.searchParams.get("scope")).toContain("EduRoster.ReadBasic");
    expect(url.searchParams.get("state")).toMatch(/^[A-Za-z0-9_-]{40,}$/);
  });

  it("an org admin who is not a tenant admin is refused by Entra (AADSTS90094) and the settings say so plainly", async () => {
    const saved = await t.call("PUT", `/api/orgs/${northwind}/microsoft365`, { as: "owner@northwind.example", body: { tenant: "northwind.example", rosterData: true } });
    const { outcome, params } = await consentAs(t, saved.body.consentUrl, "owner@northwind.example");
    expect(params.error_description).toMatch(/^AADSTS90094/);
    expect(outcome).toBe("not_admin");
    const settings = await t.call("GET", `/api/orgs/${northwind}/microsoft365`, { as: "owner@northwind.example" });
    expect(settings.body.tenants[0].status).toBe("awaiting_consent");
    expect(settings.body.tenants[0].nextStep).toMatch(/Global Administrator/);
    const refused = (await auditActions(t, "owner@northwind.example", northwind)).find((e) => e.action === "tenant.consent_refused");
    expect(refused?.details).toMatchObject({ outcome: "not_admin", reason: "not_admin", aadsts: "AADSTS90094" });
  });

  it("the tenant admin consents and the link is active with roster data; a new Northwind user then joins automatically", async () => {
    const saved = await t.call("PUT", `/api/orgs/${northwind}/microsoft365`, { as: "owner@northwind.example", body: { tenant: "northwind.example", rosterData: true } });
    expect((await consentAs(t, saved.body.consentUrl, "admin@northwind.example")).outcome).toBe("granted");

    const settings = await t.call("GET", `/api/orgs/${northwind}/microsoft365`, { as: "owner@northwind.example" });
    expect(settings.body).toMatchObject({ available: true, status: "active" });
    expect(settings.body.tenants[0]).toMatchObject({ status: "active", rosterAccess: true, attentionCode: null });
    expect(settings.body.tenants[0].grantedScopes).toEqual(expect.arrayContaining(["User.Read", "EduRoster.ReadBasic"]));

    const session = await t.call("POST", "/api/session", { as: "newuser@northwind.example" });
    expect(session.status).toBe(200);
    expect(session.body.membership?.organization.id).toBe(northwind);
    expect(session.body.membership?.isAdmin).toBe(false);
  });
});

describe("Northwind connects without roster data", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it("is active without roster data, and new users join and choose their type", async () => {
    const saved = await t.call("PUT", `/api/orgs/${northwind}/microsoft365`, { as: "owner@northwind.example", body: { tenant: NORTHWIND_TID, rosterData: false } });
    expect(new URL(saved.body.consentUrl).searchParams.get("scope")).not.toContain("EduRoster");
    expect((await consentAs(t, saved.body.consentUrl, "admin@northwind.example")).outcome).toBe("granted_without_roster");

    const settings = await t.call("GET", `/api/orgs/${northwind}/microsoft365`, { as: "owner@northwind.example" });
    expect(settings.body.tenants[0]).toMatchObject({ status: "active_without_roster", rosterAccess: false, rosterData: false });
    const roster = settings.body.tenants[0].permissions.find((p: { scope: string }) => p.scope === "EduRoster.ReadBasic");
    expect(roster).toMatchObject({ requested: false, granted: false });

    const session = await t.call("POST", "/api/session", { as: "newuser@northwind.example" });
    expect(session.body.membership?.organization.id).toBe(northwind);
    expect(session.body.next).toBe("choose_account_type");
    expect(session.body.user.accountType).toBeNull();
  });
});

describe("Fabrikam's tenant admin, who has no RosterLink account, consents from the ask-your-admin link", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it("the settings make a ready message with a link on request, and the link works without a session", async () => {
    const settings = await t.call("GET", `/api/orgs/${fabrikam}/microsoft365`, { as: "office@fabrikam.example" });
    expect(settings.status).toBe(200);
    expect(settings.body.tenants[0].status).toBe("awaiting_consent");
    // Reading the settings hands out no consent link.
    expect(await t.app.store.models.ConsentState.count({ where: { organizationId: fabrikam } })).toBe(0);

    const made = await t.call("POST", `/api/orgs/${fabrikam}/microsoft365/${FABRIKAM_TID}/consent-link`, { as: "office@fabrikam.example" });
    expect(made.status).toBe(200);
    const askAdmin = made.body;
    expect(askAdmin.message).toContain(askAdmin.consentUrl);
    expect(askAdmin.message).toMatch(/do not need a RosterLink account/);
    expect(askAdmin.message).toMatch(/until someone accepts/);

    const again = await t.call("POST", `/api/orgs/${fabrikam}/microsoft365/${FABRIKAM_TID}/consent-link`, { as: "office@fabrikam.example" });
    expect(again.body.consentUrl).not.toBe(askAdmin.consentUrl);

    expect((await t.app.store.models.User.count({ where: { tid: FABRIKAM_TID, oid: "fab00000-a000-4000-8000-000000000003" } }))).toBe(0);
    const { answer } = await consentThroughEntra(t, askAdmin.consentUrl, "it@fabrikam.example");
    expect(answer.status).toBe(200);
    expect(answer.text).toContain('data-outcome="granted"');
    const after = await t.call("GET", `/api/orgs/${fabrikam}/microsoft365`, { as: "office@fabrikam.example" });
    expect(after.body.tenants[0]).toMatchObject({ status: "active", rosterAccess: true });
    const granted = (await auditActions(t, "office@fabrikam.example", fabrikam)).find((e) => e.action === "tenant.consent_granted");
    expect(granted?.details).toMatchObject({ outcome: "granted", purpose: "ask_admin" });
  });

  it("a consent link for Fabrikam used by another tenant's admin is refused as a tenant mismatch", async () => {
    const settings = await t.call("GET", `/api/orgs/${fabrikam}/microsoft365`, { as: "office@fabrikam.example" });
    const saved = await t.call("PUT", `/api/orgs/${fabrikam}/microsoft365`, { as: "office@fabrikam.example", body: { tenant: FABRIKAM_TID, rosterData: false } });
    expect(settings.status).toBe(200);
    const { outcome } = await consentAs(t, saved.body.consentUrl, "principal@contoso.example");
    expect(outcome).toBe("tenant_mismatch");
    const link = await t.app.store.models.TenantLink.findOne({ where: { tid: CONTOSO_TID }, raw: true });
    expect(link?.organizationId).not.toBe(fabrikam);
  });
});

describe("Tailspin, on the free plan", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it("sees that the integration is unavailable and why", async () => {
    const settings = await t.call("GET", `/api/orgs/${tailspin}/microsoft365`, { as: "head@tailspin.example" });
    expect(settings.status).toBe(200);
    expect(settings.body).toMatchObject({ plan: "free", available: false, tenants: [], status: "not_linked" });
    expect(settings.body.unavailableReason).toMatch(/School, District and eLearning plans/);
  });

  it("gets a clear refusal when saving a tenant, and nothing changes", async () => {
    const saved = await t.call("PUT", `/api/orgs/${tailspin}/microsoft365`, { as: "head@tailspin.example", body: { tenant: "tailspin.example", rosterData: true } });
    expect(saved.status).toBe(403);
    expect(saved.body.code).toBe("integration_unavailable");
    const { TenantLink, ConsentState, AuditEvent } = t.app.store.models;
    expect(await TenantLink.count({ where: { tid: TAILSPIN_TID } })).toBe(0);
    expect(await ConsentState.count({ where: { organizationId: tailspin } })).toBe(0);
    expect(await AuditEvent.count({ where: { organizationId: tailspin } })).toBe(0);
  });
});
