import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stableId } from "../../api/domain/seed.js";
import { CONTOSO_TID } from "../../sandbox/fixtures/index.js";
import { chat, eventually, FAST_OUTBOX, install } from "../bot/connector-helpers.js";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { DATABASE_KINDS } from "../helpers/databases.js";

const contoso = stableId(`org:${CONTOSO_TID}`);
const PRINCIPAL = "principal@contoso.example";

/** docs/spec.md §3.8: a revoked consent is noticed when an admin opens Settings (app-only token, cached per tenant) and admins are told. */
describe.each(DATABASE_KINDS)("consent health (%s)", (database) => {
  let t: TestApp;
  let clockOffset = 0;
  beforeAll(async () => {
    t = await startTestApp({ database, tuning: { outbox: FAST_OUTBOX }, now: () => new Date(Date.now() + clockOffset) });
    await install(t, PRINCIPAL);
  });
  afterAll(() => t?.close());

  const settings = () => t.call("GET", `/api/orgs/${contoso}/microsoft365`, { as: PRINCIPAL });

  it("opening Settings checks the tenant once, and not again within five minutes", async () => {
    const first = await settings();
    expect(first.body.tenants[0]).toMatchObject({ status: "active" });
    const checkedAt = first.body.tenants[0].healthCheckedAt;
    expect(checkedAt).not.toBeNull();
    clockOffset += 60_000;
    expect((await settings()).body.tenants[0].healthCheckedAt).toBe(checkedAt);
  });

  it("after the tenant removes RosterLink, the next check marks the link, in words, and every admin gets a bot message", async () => {
    expect((await t.sandboxCall("POST", "/sandbox/consent/revoke", { tid: CONTOSO_TID })).body).toEqual({ revoked: true });
    // Still within the cache: no new check yet.
    expect((await settings()).body.tenants[0].status).toBe("active");

    clockOffset += 5 * 60_000;
    const after = await settings();
    expect(after.body.status).toBe("needs_attention");
    expect(after.body.tenants[0]).toMatchObject({ status: "needs_attention", attentionCode: "AADSTS7000229" });
    expect(after.body.tenants[0].nextStep).toMatch(/enterprise application was removed/);
    expect(after.body.tenants[0].nextStep).not.toMatch(/AADSTS/);

    const message = await eventually(async () => {
      const found = (await chat(t, PRINCIPAL)).find((a) => a.text?.includes("needs attention"));
      expect(found).toBeDefined();
      return found!;
    });
    expect(message.text).toContain("Contoso High School");
    expect(message.text).toContain("Settings");
    expect(message.text).toContain("Details: Microsoft answered AADSTS7000229.");

    clockOffset += 10 * 60_000;
    await settings();
    expect(await t.app.store.models.AuditEvent.count({ where: { action: "tenant.needs_attention" } })).toBe(1);
    expect(await t.app.store.models.Outbox.count({ where: { kind: "tenant.needs_attention" } })).toBe(1);
  });
});
