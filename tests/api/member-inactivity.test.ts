import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FABRIKAM_TID } from "../../sandbox/fixtures/index.js";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { DATABASE_KINDS } from "../helpers/databases.js";
import { CONTOSO_ORG, CONTOSO_TID, personaUserId } from "./requests-factory.js";

const PRINCIPAL = "principal@contoso.example";
const OFFICE = "office@contoso.example";
const DAY = 24 * 60 * 60 * 1000;
const dayOf = (instant: Date) => instant.toISOString().slice(0, 10);
const daysAgo = (days: number) => dayOf(new Date(Date.now() - days * DAY));

/** docs/spec.md §8: members show their last sign-in as a day; admins find and remove those who stopped. */
describe.each(DATABASE_KINDS)("members who stopped signing in (%s)", (database) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ database });
  });
  afterAll(() => t?.close());

  /** Someone who joined `joinedDaysAgo` days ago and last signed in `seenDaysAgo` days ago (null: never). */
  async function buildMember(displayName: string, options: { seenDaysAgo: number | null; joinedDaysAgo?: number; tid?: string; isAdmin?: boolean }) {
    const { User, Membership } = t.app.store.models;
    const user = await User.create({
      tid: options.tid ?? CONTOSO_TID,
      oid: randomUUID(),
      displayName,
      email: null,
      accountType: "student",
      accountTypeSource: "user_choice",
      lastSeenOn: options.seenDaysAgo === null ? null : daysAgo(options.seenDaysAgo),
    });
    await Membership.create({ organizationId: CONTOSO_ORG, userId: user.id, isAdmin: options.isAdmin ?? false, joinedVia: "auto_join" });
    await t.app.store.sequelize.query("UPDATE memberships SET created_at = :joined WHERE user_id = :userId", {
      replacements: { joined: new Date(Date.now() - (options.joinedDaysAgo ?? 400) * DAY), userId: user.id },
    });
    return user.id;
  }
  const list = async (query = "") =>
    (await t.call("GET", `/api/orgs/${CONTOSO_ORG}/members?limit=100${query}`, { as: PRINCIPAL })).body as { items: any[]; total: number };
  const removals = (userIds: string[], as = PRINCIPAL) => t.call("POST", `/api/orgs/${CONTOSO_ORG}/members/removals`, { as, body: { userIds } });

  it("a sign-in records the day, not the time, and writes it at most once a day", async () => {
    const office = personaUserId(t, OFFICE);
    expect((await list()).items.find((m) => m.userId === office).lastSeenOn).toBeNull();
    expect((await t.call("POST", "/api/session", { as: OFFICE })).status).toBe(200);
    const today = dayOf(new Date());
    expect((await list()).items.find((m) => m.userId === office)).toMatchObject({ lastSeenOn: today, tenant: { tid: CONTOSO_TID, domain: "contoso.example" } });

    // A day already recorded is not written again: a stored day in the future stays as it is.
    await t.app.store.models.User.update({ lastSeenOn: "2999-01-01" }, { where: { id: office } });
    await t.call("POST", "/api/session", { as: OFFICE });
    expect((await t.app.store.models.User.findByPk(office, { raw: true }))!.lastSeenOn).toBe("2999-01-01");
    // An older day is brought up to today.
    await t.app.store.models.User.update({ lastSeenOn: daysAgo(40) }, { where: { id: office } });
    await t.call("POST", "/api/session", { as: OFFICE });
    expect((await t.app.store.models.User.findByPk(office, { raw: true }))!.lastSeenOn).toBe(today);
  });

  it("filters members not seen for N days, counting people who never signed in from when they joined", async () => {
    const gone = await buildMember("Gus Gone", { seenDaysAgo: 90 });
    const edge = await buildMember("Eve Edge", { seenDaysAgo: 30 });
    await buildMember("Ria Recent", { seenDaysAgo: 29 });
    const never = await buildMember("Nel Never", { seenDaysAgo: null, joinedDaysAgo: 60 });
    await buildMember("Nat New", { seenDaysAgo: null, joinedDaysAgo: 2 });
    const far = await buildMember("Fay Far", { seenDaysAgo: 45, tid: FABRIKAM_TID });

    const inactive = await list("&inactiveDays=30");
    const names = inactive.items.map((m) => m.displayName);
    expect(names).toEqual(expect.arrayContaining(["Gus Gone", "Eve Edge", "Nel Never", "Fay Far"]));
    expect(names).not.toContain("Ria Recent");
    expect(names).not.toContain("Nat New");
    expect(names).not.toContain("Oscar Owens (Office)");
    expect(inactive.total).toBe(inactive.items.length);
    const byId = Object.fromEntries(inactive.items.map((m) => [m.userId, m]));
    expect(byId[gone]).toMatchObject({ lastSeenOn: daysAgo(90) });
    expect(byId[edge]).toMatchObject({ lastSeenOn: daysAgo(30) });
    expect(byId[never]).toMatchObject({ lastSeenOn: null });
    // A member from another tenant shows that tenant (this organization did not link it: no domain).
    expect(byId[far]).toMatchObject({ tenant: { tid: FABRIKAM_TID, domain: null } });

    const searched = await list("&inactiveDays=30&q=gus");
    expect(searched.items.map((m) => m.displayName)).toEqual(["Gus Gone"]);
    for (const bad of ["0", "-1", "abc", "5000"]) {
      const answer = await t.call("GET", `/api/orgs/${CONTOSO_ORG}/members?inactiveDays=${bad}`, { as: PRINCIPAL });
      expect(answer.status, bad).toBe(400);
    }
  });

  it("removes a selection in one step: each member on their own, audited, accounts kept", async () => {
    const a = await buildMember("Ann Away", { seenDaysAgo: 120 });
    const b = await buildMember("Bob Away", { seenDaysAgo: 200 });
    const missing = randomUUID();
    const answer = await removals([a, b, missing, a]);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      removed: 2,
      results: [
        { userId: a, outcome: "removed" },
        { userId: b, outcome: "removed" },
        { userId: missing, outcome: "not_found" },
      ],
    });
    expect(await t.app.store.models.Membership.count({ where: { userId: [a, b] } })).toBe(0);
    expect(await t.app.store.models.User.count({ where: { id: [a, b] } })).toBe(2);
    const activity = (await t.call("GET", `/api/orgs/${CONTOSO_ORG}/audit?limit=100`, { as: PRINCIPAL })).body.items as any[];
    const removedRows = activity.filter((e) => e.action === "member.removed" && [a, b].includes(e.target?.id));
    expect(removedRows).toHaveLength(2);
    expect(removedRows.map((e) => e.actorName)).toEqual(["Priya Patel (Principal)", "Priya Patel (Principal)"]);
  });

  it("the last admin stays while the rest of the selection goes", async () => {
    const office = personaUserId(t, OFFICE);
    const principal = personaUserId(t, PRINCIPAL);
    const c = await buildMember("Cid Away", { seenDaysAgo: 100 });
    const answer = await removals([office, c, principal]);
    expect(answer.body.results).toEqual([
      { userId: office, outcome: "removed" },
      { userId: c, outcome: "removed" },
      { userId: principal, outcome: "last_admin" },
    ]);
    expect(await t.app.store.models.Membership.count({ where: { userId: principal, isAdmin: true } })).toBe(1);
    // Put Oscar back for the next test.
    await t.app.store.models.Membership.create({ organizationId: CONTOSO_ORG, userId: office, isAdmin: true, joinedVia: "auto_join" });
  });

  it("two admins removing the same selection at once remove and audit each member once", async () => {
    const ids = await Promise.all(["Dan", "Dee", "Dot", "Dov"].map((n) => buildMember(`${n} Away`, { seenDaysAgo: 300 })));
    const [first, second] = await Promise.all([removals(ids), removals([...ids].reverse(), OFFICE)]);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(first.body.removed + second.body.removed).toBe(ids.length);
    const activity = (await t.call("GET", `/api/orgs/${CONTOSO_ORG}/audit?limit=100`, { as: PRINCIPAL })).body.items as any[];
    for (const id of ids) expect(activity.filter((e) => e.action === "member.removed" && e.target?.id === id)).toHaveLength(1);
  });

  it("only the organization's admins may remove; a bad body changes nothing", async () => {
    const e = await buildMember("Eli Away", { seenDaysAgo: 100 });
    await t.call("POST", "/api/session", { as: "student@contoso.example" });
    const notAdmin = await removals([e], "student@contoso.example");
    expect(notAdmin.status).toBe(403);
    const otherOrg = await t.call("POST", `/api/orgs/${CONTOSO_ORG}/members/removals`, { as: "head@tailspin.example", body: { userIds: [e] } });
    expect(otherOrg.status).toBe(404);
    for (const body of [{}, { userIds: [] }, { userIds: Array(201).fill(e) }, { userIds: [e], all: true }]) {
      const bad = await t.call("POST", `/api/orgs/${CONTOSO_ORG}/members/removals`, { as: PRINCIPAL, body });
      expect(bad.status).toBe(400);
      expect(bad.headers["content-type"]).toContain("application/problem+json");
    }
    expect(await t.app.store.models.Membership.count({ where: { userId: e } })).toBe(1);
  });
});
