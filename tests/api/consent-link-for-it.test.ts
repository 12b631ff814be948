import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashConsentState } from "../../api/domain/consent/start-admin-consent.js";
import { stableId } from "../../api/domain/seed.js";
import { CONTOSO_TID, NORTHWIND_TID } from "../../sandbox/fixtures/index.js";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { consentThroughEntra } from "../helpers/consent.js";
import { DATABASE_KINDS } from "../helpers/databases.js";

const northwind = stableId(`org:${NORTHWIND_TID}`);
const OWNER = "owner@northwind.example";
const DAY = 24 * 60 * 60 * 1000;
const GRAPH_SCOPES = "openid profile https://graph.microsoft.com/User.Read https://graph.microsoft.com/EduRoster.ReadBasic";

/** docs/spec.md §3.5: the link for IT is emailed, works for 7 days or until one success, and ends on RosterLink's own page. */
describe.each(DATABASE_KINDS)("the consent link for IT (%s)", (database) => {
  let t: TestApp;
  let clockOffset = 0;
  beforeAll(async () => {
    t = await startTestApp({ database, now: () => new Date(Date.now() + clockOffset) });
    const saved = await t.call("PUT", `/api/orgs/${northwind}/microsoft365`, { as: OWNER, body: { tenant: "northwind.example", rosterData: true } });
    expect(saved.status).toBe(200);
  });
  afterAll(() => t?.close());

  const makeLink = async () => {
    const made = await t.call("POST", `/api/orgs/${northwind}/microsoft365/${NORTHWIND_TID}/consent-link`, { as: OWNER });
    expect(made.status).toBe(200);
    return made.body as { consentUrl: string; expiresAt: string; message: string };
  };
  const stateOf = (url: string) => new URL(url).searchParams.get("state")!;
  const outcomeOf = (page: string) => /data-outcome="([a-z_]+)"/.exec(page)?.[1];
  const callback = (params: Record<string, string>) => t.call("GET", `/api/consent/callback?${new URLSearchParams(params)}`);
  const link = () => t.app.store.models.TenantLink.findOne({ where: { tid: NORTHWIND_TID }, raw: true });

  it("is unguessable, stored only as a hash, valid for 7 days, and its making is audited", async () => {
    const made = await makeLink();
    const state = stateOf(made.consentUrl);
    expect(state).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const row = await t.app.store.models.ConsentState.findOne({ where: { stateHash: hashConsentState(state) }, raw: true });
    expect(row).toMatchObject({ purpose: "ask_admin", organizationId: northwind, tid: NORTHWIND_TID, usedAt: null });
    expect(Math.round((new Date(made.expiresAt).getTime() - Date.now() - clockOffset) / DAY)).toBe(7);
    expect(await t.app.store.models.ConsentState.count({ where: { stateHash: state } })).toBe(0);
    const audit = await t.call("GET", `/api/orgs/${northwind}/audit?limit=5`, { as: OWNER });
    expect(audit.body.items.map((e: { action: string }) => e.action)).toContain("tenant.consent_link_created");
  });

  it("after 7 days it is expired: the page says so and what to do, and nothing changes", async () => {
    const made = await makeLink();
    clockOffset += 7 * DAY + 60_000;
    const { answer } = await consentThroughEntra(t, made.consentUrl, "admin@northwind.example");
    expect(answer.status).toBe(200);
    expect(outcomeOf(answer.text)).toBe("expired_state");
    expect(answer.text).toMatch(/Ask an admin of Northwind/);
    expect((await link())?.status).toBe("awaiting_consent");
  });

  it("survives a non-admin, a cancel and the wrong tenant, then one admin grants it the next day", async () => {
    const made = await makeLink();
    clockOffset += DAY;
    const notAdmin = await consentThroughEntra(t, made.consentUrl, OWNER);
    expect(outcomeOf(notAdmin.answer.text)).toBe("not_admin");
    expect(notAdmin.answer.text).toMatch(/sign in as a Global Administrator/);
    const declined = await consentThroughEntra(t, made.consentUrl, "admin@northwind.example", "decline");
    expect(outcomeOf(declined.answer.text)).toBe("declined");
    const mismatch = await consentThroughEntra(t, made.consentUrl, "principal@contoso.example");
    expect(outcomeOf(mismatch.answer.text)).toBe("tenant_mismatch");
    expect((await link())?.status).toBe("awaiting_consent");

    clockOffset += 6 * DAY - 60 * 60_000; // 6 days 23 hours after it was made
    const granted = await consentThroughEntra(t, made.consentUrl, "admin@northwind.example");
    expect(granted.answer.status).toBe(200);
    expect(granted.answer.headers["content-security-policy"]).toContain("default-src 'none'");
    expect(outcomeOf(granted.answer.text)).toBe("granted");
    expect(granted.answer.text).toContain("Northwind Learning");
    expect(granted.answer.text).toContain("EduRoster.ReadBasic");
    expect(await link()).toMatchObject({ status: "active" });

    // Credited to whoever granted it: a Global Administrator of the tenant, not the admin who sent the link.
    const audit = await t.call("GET", `/api/orgs/${northwind}/audit?limit=20`, { as: OWNER });
    const grants = audit.body.items.filter((e: { action: string }) => e.action === "tenant.consent_granted");
    expect(grants).toHaveLength(1);
    expect(grants[0].actorName).toBe("A Global Administrator of northwind.example");
    const row = await t.app.store.models.AuditEvent.findOne({ where: { action: "tenant.consent_granted", organizationId: northwind }, raw: true });
    expect(row?.actorUserId).toBeNull();
    const refusals = audit.body.items.filter((e: { action: string }) => e.action === "tenant.consent_refused");
    expect(refusals.map((e: { details: { outcome: string } }) => e.details.outcome).sort()).toEqual(["declined", "expired_state", "not_admin", "tenant_mismatch"]);

    const reused = await consentThroughEntra(t, made.consentUrl, "admin@northwind.example");
    expect(outcomeOf(reused.answer.text)).toBe("invalid_state");
    expect(reused.answer.text).toMatch(/Already approved/);
  });

  it("of two successful callbacks racing with one link, exactly one counts", async () => {
    await t.call("DELETE", `/api/orgs/${northwind}/microsoft365/${NORTHWIND_TID}`, { as: OWNER });
    await t.call("PUT", `/api/orgs/${northwind}/microsoft365`, { as: OWNER, body: { tenant: "northwind.example", rosterData: true } });
    const state = stateOf((await makeLink()).consentUrl);
    const before = await t.app.store.models.AuditEvent.count({ where: { action: "tenant.consent_granted" } });
    const params = { admin_consent: "True", tenant: NORTHWIND_TID, scope: GRAPH_SCOPES, state };
    const answers = await Promise.all([callback(params), callback(params), callback(params)]);
    expect(answers.map((a) => outcomeOf(a.text)).sort()).toEqual(["granted", "invalid_state", "invalid_state"]);
    expect(await t.app.store.models.AuditEvent.count({ where: { action: "tenant.consent_granted" } })).toBe(before + 1);
    expect((await link())?.status).toBe("active");
  });

  it("a link for one tenant never activates another, and unlinking kills outstanding links", async () => {
    const state = stateOf((await makeLink()).consentUrl);
    const mismatch = await callback({ admin_consent: "True", tenant: CONTOSO_TID, scope: GRAPH_SCOPES, state });
    expect(outcomeOf(mismatch.text)).toBe("tenant_mismatch");
    await t.call("DELETE", `/api/orgs/${northwind}/microsoft365/${NORTHWIND_TID}`, { as: OWNER });
    const after = await callback({ admin_consent: "True", tenant: NORTHWIND_TID, scope: GRAPH_SCOPES, state });
    expect(after.status).toBe(302);
    expect(String(after.headers.location)).toContain("consent=invalid_state");
  });
});
