import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONTOSO_TID, NORTHWIND_TID } from "../../sandbox/fixtures/index.js";
import { stableId } from "../../api/domain/seed.js";
import { hashConsentState } from "../../api/domain/consent/start-admin-consent.js";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { DATABASE_KINDS } from "../helpers/databases.js";

const northwind = stableId(`org:${NORTHWIND_TID}`);
const OWNER = "owner@northwind.example";
const GRAPH_SCOPES = "openid profile https://graph.microsoft.com/User.Read https://graph.microsoft.com/EduRoster.ReadBasic";

describe.each(DATABASE_KINDS)("the consent callback refuses what it cannot trust (%s)", (database) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ database });
  });
  afterAll(() => t?.close());

  /** A fresh state, as Entra would carry it back, from saving the link. */
  const freshState = async () => {
    const saved = await t.call("PUT", `/api/orgs/${northwind}/microsoft365`, { as: OWNER, body: { tenant: "northwind.example", rosterData: true } });
    expect(saved.status).toBe(200);
    return new URL(saved.body.consentUrl).searchParams.get("state")!;
  };
  const callback = async (params: Record<string, string>) => {
    const answer = await t.call("GET", `/api/consent/callback?${new URLSearchParams(params)}`);
    expect(answer.status).toBe(302);
    const target = new URL(String(answer.headers.location));
    expect(`${target.origin}${target.pathname}`).toBe(`${t.url}/auth-end.html`);
    return target.searchParams.get("consent");
  };
  const granted = (state: string, tenant = NORTHWIND_TID) => ({ admin_consent: "True", tenant, scope: GRAPH_SCOPES, state });
  const link = () => t.app.store.models.TenantLink.findOne({ where: { tid: NORTHWIND_TID }, raw: true });
  const refusals = async () =>
    (await t.app.store.models.AuditEvent.findAll({ where: { action: "tenant.consent_refused" }, raw: true })).map((e) =>
      typeof e.details === "string" ? JSON.parse(e.details) : e.details,
    );

  /** Runs a refusal and checks that the link did not change and that the refusal was audited with its reason. */
  const expectRefused = async (run: () => Promise<string | null>, outcome: string, reason: string) => {
    const before = await link();
    const audited = (await refusals()).length;
    expect(await run()).toBe(outcome);
    expect(await link()).toEqual(before);
    const after = await refusals();
    expect(after).toHaveLength(audited + 1);
    expect(after.some((d) => d.outcome === outcome && d.reason === reason)).toBe(true);
  };

  it("refuses a callback without a state", async () => {
    await freshState();
    await expectRefused(() => callback({ admin_consent: "True", tenant: NORTHWIND_TID, scope: GRAPH_SCOPES }), "invalid_state", "missing_state");
  });

  it("refuses a state it never gave out", async () => {
    await expectRefused(() => callback(granted("made-up-state-that-was-never-issued")), "invalid_state", "unknown_state");
  });

  it("refuses an expired state", async () => {
    const state = await freshState();
    await t.app.store.models.ConsentState.update({ expiresAt: new Date(Date.now() - 1000) }, { where: { stateHash: hashConsentState(state) } });
    await expectRefused(() => callback(granted(state)), "expired_state", "expired_state");
  });

  it("refuses a state that was already used", async () => {
    const state = await freshState();
    await expectRefused(
      () => callback({ error: "access_denied", error_description: "AADSTS65004: User declined to consent to access the app.", state }),
      "declined",
      "declined",
    );
    await expectRefused(() => callback(granted(state)), "invalid_state", "reused_state");
  });

  it("refuses a tenant other than the one the state was made for", async () => {
    const state = await freshState();
    await expectRefused(() => callback(granted(state, CONTOSO_TID)), "tenant_mismatch", "tenant_mismatch");
  });

  it("looks at error first: admin_consent=True together with an error is a refusal", async () => {
    const state = await freshState();
    await expectRefused(
      () =>
        callback({
          ...granted(state),
          error: "access_denied",
          error_subcode: "cancel",
          error_description: "AADSTS65004: User declined to consent to access the app.",
        }),
      "declined",
      "declined",
    );
  });

  it("a repeated state is refused and audited like any unknown state", async () => {
    const state = await freshState();
    await expectRefused(async () => {
      const answer = await t.call("GET", `/api/consent/callback?${new URLSearchParams(granted(state))}&state=${state}`);
      return new URL(String(answer.headers.location)).searchParams.get("consent");
    }, "invalid_state", "unknown_state");
  });

  it("never redirects to an address taken from the request", async () => {
    const state = await freshState();
    const answer = await t.call("GET", `/api/consent/callback?${new URLSearchParams({ ...granted(state, CONTOSO_TID), redirect_uri: "https://evil.example/x", return_to: "https://evil.example/y" })}`);
    expect(String(answer.headers.location)).toBe(`${t.url}/auth-end.html?consent=tenant_mismatch`);
    expect(answer.text).not.toContain("evil.example");
  });

  it("of two callbacks racing with one state, exactly one activates the link", async () => {
    const state = await freshState();
    const outcomes = await Promise.all([callback(granted(state)), callback(granted(state))]);
    expect(outcomes.sort()).toEqual(["granted", "invalid_state"]);
    expect((await link())?.status).toBe("active");
    expect(await t.app.store.models.AuditEvent.count({ where: { action: "tenant.consent_granted" } })).toBe(1);
  });
});
