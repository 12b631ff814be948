import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONTOSO_TID, TAILSPIN_TID } from "../../sandbox/fixtures/index.js";
import { stableId } from "../../api/domain/seed.js";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { DATABASE_KINDS } from "../helpers/databases.js";

const contoso = stableId(`org:${CONTOSO_TID}`);
const tailspin = stableId(`org:${TAILSPIN_TID}`);
const PRINCIPAL = "principal@contoso.example";
const OFFICE = "office@contoso.example";
const principalId = stableId(`user:${CONTOSO_TID}:c0a70500-a000-4000-8000-000000000001`);
const officeId = stableId(`user:${CONTOSO_TID}:c0a70500-a000-4000-8000-000000000002`);
const headId = stableId(`user:${TAILSPIN_TID}:7a150000-a000-4000-8000-000000000001`);

/** A factory: someone who joined Contoso earlier (Graph is not involved; only the store). */
async function buildMember(t: TestApp, fields: { displayName: string; email?: string; accountType?: "teacher" | "student"; pending?: boolean; isAdmin?: boolean }) {
  const user = await t.app.store.models.User.create({
    tid: CONTOSO_TID,
    oid: randomUUID(),
    displayName: fields.displayName,
    email: fields.email ?? null,
    accountType: fields.accountType ?? "student",
    accountTypeSource: "user_choice",
    teacherConfirmationPending: fields.pending ?? false,
  });
  await t.app.store.models.Membership.create({ organizationId: contoso, userId: user.id, isAdmin: fields.isAdmin ?? false, joinedVia: "auto_join" });
  return user.id;
}

describe("org admins manage members", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    for (const name of ["zoe Zimmer", "Adam Abbott", "bea Brown", "Carl Cole", "Dora Diaz"]) {
      await buildMember(t, { displayName: name, email: `${name.split(" ")[0]!.toLowerCase()}@contoso.example` });
    }
  });
  afterAll(() => t?.close());

  it("pages through members in a stable, case-insensitive name order without gaps or repeats", async () => {
    const names: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { status: number; body: { items: Array<{ displayName: string }>; nextCursor: string | null; total: number } } = await t.call(
        "GET",
        `/api/orgs/${contoso}/members?limit=2${cursor ? `&cursor=${cursor}` : ""}`,
        { as: PRINCIPAL },
      );
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      expect(page.body.total).toBe(7);
      names.push(...page.body.items.map((m) => m.displayName));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(names).toHaveLength(7);
    expect(names).toEqual([...names].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
    expect(names.slice(0, 2)).toEqual(["Adam Abbott", "bea Brown"]);
  });

  it("searches by part of a name or an email, ignoring case", async () => {
    const byName = await t.call("GET", `/api/orgs/${contoso}/members?q=ZIMM`, { as: PRINCIPAL });
    expect(byName.body.items.map((m: { displayName: string }) => m.displayName)).toEqual(["zoe Zimmer"]);
    const byEmail = await t.call("GET", `/api/orgs/${contoso}/members?q=${encodeURIComponent("carl@")}`, { as: PRINCIPAL });
    expect(byEmail.body).toMatchObject({ total: 1, items: [{ displayName: "Carl Cole", email: "carl@contoso.example", isAdmin: false }] });
    const wildcard = await t.call("GET", `/api/orgs/${contoso}/members?q=%25`, { as: PRINCIPAL });
    expect(wildcard.body.items).toEqual([]);
  });

  it("refuses a cursor it did not give out", async () => {
    const answer = await t.call("GET", `/api/orgs/${contoso}/members?cursor=bogus`, { as: PRINCIPAL });
    expect(answer.status).toBe(400);
    expect(answer.body.code).toBe("invalid_cursor");
  });

  it("changes a member's account type: the source becomes admin and a pending teacher confirmation ends", async () => {
    const userId = await buildMember(t, { displayName: "Pat Pending", accountType: "teacher", pending: true });
    const answer = await t.call("PATCH", `/api/orgs/${contoso}/members/${userId}`, { as: PRINCIPAL, body: { accountType: "student" } });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ userId, accountType: "student", accountTypeSource: "admin", teacherConfirmationPending: false });
    const audit = await t.call("GET", `/api/orgs/${contoso}/audit?limit=1`, { as: PRINCIPAL });
    expect(audit.body.items[0]).toMatchObject({ action: "member.account_type_changed", actorName: expect.any(String), channel: "tab", target: { type: "user", id: userId } });
    expect(audit.body.items[0].details).toMatchObject({ from: "teacher", to: "student" });
  });

  it("refuses an account type of another kind of organization, and nothing changes", async () => {
    const userId = await buildMember(t, { displayName: "Sam School", accountType: "student" });
    const answer = await t.call("PATCH", `/api/orgs/${contoso}/members/${userId}`, { as: PRINCIPAL, body: { accountType: "creator", isAdmin: true } });
    expect(answer.status).toBe(400);
    expect(answer.body.code).toBe("account_type_not_for_organization");
    const user = await t.app.store.models.User.findByPk(userId, { raw: true });
    expect(user).toMatchObject({ accountType: "student", accountTypeSource: "user_choice" });
    const membership = await t.app.store.models.Membership.findOne({ where: { userId }, raw: true });
    expect(Boolean(membership?.isAdmin)).toBe(false);
  });

  it("makes a member an admin and takes it back, auditing both", async () => {
    const userId = await buildMember(t, { displayName: "Ada Assistant" });
    expect((await t.call("PATCH", `/api/orgs/${contoso}/members/${userId}`, { as: PRINCIPAL, body: { isAdmin: true } })).body.isAdmin).toBe(true);
    expect((await t.call("PATCH", `/api/orgs/${contoso}/members/${userId}`, { as: OFFICE, body: { isAdmin: false } })).body.isAdmin).toBe(false);
    const audit = await t.call("GET", `/api/orgs/${contoso}/audit?limit=2`, { as: PRINCIPAL });
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual(["member.admin_revoked", "member.admin_granted"]);
  });

  it("removes a member: the account stays, the membership goes, the removal is audited", async () => {
    const userId = await buildMember(t, { displayName: "Leo Leaving" });
    const answer = await t.call("DELETE", `/api/orgs/${contoso}/members/${userId}`, { as: PRINCIPAL });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ userId, removed: true });
    expect(await t.app.store.models.User.findByPk(userId)).not.toBeNull();
    expect(await t.app.store.models.Membership.count({ where: { userId } })).toBe(0);
    const again = await t.call("DELETE", `/api/orgs/${contoso}/members/${userId}`, { as: PRINCIPAL });
    expect(again.status).toBe(404);
    const audit = await t.call("GET", `/api/orgs/${contoso}/audit?limit=1`, { as: PRINCIPAL });
    expect(audit.body.items[0]).toMatchObject({ action: "member.removed", details: { displayName: "Leo Leaving" } });
  });

  it("the only admin of an organization can neither step down nor be removed", async () => {
    const demote = await t.call("PATCH", `/api/orgs/${tailspin}/members/${headId}`, { as: "head@tailspin.example", body: { isAdmin: false } });
    expect(demote.status).toBe(409);
    expect(demote.body.code).toBe("last_admin");
    const remove = await t.call("DELETE", `/api/orgs/${tailspin}/members/${headId}`, { as: "head@tailspin.example" });
    expect(remove.status).toBe(409);
    expect(remove.body.code).toBe("last_admin");
    expect(await t.app.store.models.Membership.count({ where: { organizationId: tailspin, isAdmin: true } })).toBe(1);
  });
});

describe.each(DATABASE_KINDS)("an organization always keeps an admin, even under concurrency (%s)", (database) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ database });
  });
  afterAll(() => t?.close());

  const adminCount = () => t.app.store.models.Membership.count({ where: { organizationId: contoso, isAdmin: true } });

  it("two admins demoting each other at once leave exactly one admin", async () => {
    for (let round = 0; round < 3; round++) {
      const answers = await Promise.all([
        t.call("PATCH", `/api/orgs/${contoso}/members/${officeId}`, { as: PRINCIPAL, body: { isAdmin: false } }),
        t.call("PATCH", `/api/orgs/${contoso}/members/${principalId}`, { as: OFFICE, body: { isAdmin: false } }),
      ]);
      const statuses = answers.map((a) => a.status).sort();
      expect(statuses[0]).toBe(200);
      expect([403, 409]).toContain(statuses[1]);
      expect(await adminCount()).toBe(1);
      // Put both back for the next round.
      const remaining = answers.findIndex((a) => a.status === 200) === 0 ? PRINCIPAL : OFFICE;
      const demoted = remaining === PRINCIPAL ? officeId : principalId;
      expect((await t.call("PATCH", `/api/orgs/${contoso}/members/${demoted}`, { as: remaining, body: { isAdmin: true } })).status).toBe(200);
    }
  });

  it("two admins removing each other at once leave exactly one admin", async () => {
    const answers = await Promise.all([
      t.call("DELETE", `/api/orgs/${contoso}/members/${officeId}`, { as: PRINCIPAL }),
      t.call("DELETE", `/api/orgs/${contoso}/members/${principalId}`, { as: OFFICE }),
    ]);
    expect(answers.map((a) => a.status).sort()[0]).toBe(200);
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    expect(await adminCount()).toBe(1);
  });
});
