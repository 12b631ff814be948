import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONTOSO_TID, FABRIKAM_TID } from "../../sandbox/fixtures/index.js";
import { startTestApp, type TestApp } from "../helpers/app.js";

/** docs/spec.md §3.6 and §5: tenant admins are offered consent at sign-in; a refused on-behalf-of marks the link. */
describe("consent at sign-in", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it("a tenant admin with no account, whose tenant awaits consent, is offered to consent and still gets in", async () => {
    const answer = await t.call("POST", "/api/session", { as: "it@fabrikam.example" });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      next: "consent_required",
      membership: null,
      consent: { organization: { name: "Fabrikam Academy District", kind: "district" } },
    });
    const url = new URL(answer.body.consent.url);
    expect(url.pathname).toBe(`/${FABRIKAM_TID}/v2.0/adminconsent`);
    expect(url.searchParams.get("redirect_uri")).toBe(`${t.url}/api/consent/callback`);
    expect(url.searchParams.get("scope")).toContain("EduRoster.ReadBasic");
    const states = await t.app.store.models.ConsentState.findAll({ where: { tid: FABRIKAM_TID, purpose: "tenant_admin_sign_in" }, raw: true });
    expect(states).toHaveLength(1);
    expect(states[0]!.initiatedByUserId).toBe(answer.body.user.id);
    // The state is a bearer secret: only its hash is stored.
    expect(states[0]!.stateHash).not.toBe(url.searchParams.get("state"));
  });

  it("an org admin who is also a tenant admin is offered consent too, keeping their membership", async () => {
    const answer = await t.call("POST", "/api/session", { as: "principal@fabrikam.example" });
    expect(answer.body).toMatchObject({ next: "consent_required", membership: { isAdmin: true } });
  });

  it("people who are not tenant admins are not offered consent", async () => {
    const answer = await t.call("POST", "/api/session", { as: "office@fabrikam.example" });
    expect(answer.body.consent).toBeNull();
  });

  it("a tenant admin of an active tenant is not asked again", async () => {
    const answer = await t.call("POST", "/api/session", { as: "principal@contoso.example" });
    expect(answer.body).toMatchObject({ next: "ready", consent: null });
  });

  it("when the tenant revoked consent, a new user still gets in as unknown type and the link needs attention", async () => {
    expect((await t.sandboxCall("POST", "/sandbox/consent/revoke", { tid: CONTOSO_TID })).status).toBe(200);
    const answers = await Promise.all([
      t.call("POST", "/api/session", { as: "teacher@contoso.example" }),
      t.call("POST", "/api/session", { as: "student@contoso.example" }),
    ]);
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ user: { accountType: null }, next: "choose_account_type", membership: { organization: { name: "Contoso High School" } } });
    }
    const link = await t.app.store.models.TenantLink.findOne({ where: { tid: CONTOSO_TID }, raw: true });
    expect(link).toMatchObject({ status: "needs_attention", attentionCode: "AADSTS65001" });
    // Two sign-ins saw the refusal; the link changed, and was audited, once.
    expect(await t.app.store.models.AuditEvent.count({ where: { action: "tenant.needs_attention" } })).toBe(1);

    const admin = await t.call("POST", "/api/session", { as: "principal@contoso.example" });
    expect(admin.body).toMatchObject({ next: "consent_required", consent: { organization: { name: "Contoso High School" } } });
  });
});
