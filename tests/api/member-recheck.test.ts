import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { stableId } from "../../api/domain/seed.js";
import { TAILSPIN_TID } from "../../sandbox/fixtures/index.js";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { DATABASE_KINDS } from "../helpers/databases.js";
import { CONTOSO_ORG, personaUserId } from "./requests-factory.js";

const PRINCIPAL = "principal@contoso.example";
const STUDENT = "student@contoso.example";
const TEACHER = "teacher@contoso.example";
const NOSIGNAL = "nosignal@contoso.example";
const TAILSPIN_HEAD = "head@tailspin.example";
const TAILSPIN_ORG = stableId(`org:${TAILSPIN_TID}`);

/** docs/spec.md §4/§5: an admin asks, and the member's type is detected again at their next sign-in. */
describe.each(DATABASE_KINDS)("re-checking account types at the next sign-in (%s)", (database) => {
  let t: TestApp;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    t = await startTestApp({ database });
    // Three people join by signing in: detection runs once, at sign-up.
    for (const upn of [STUDENT, TEACHER, NOSIGNAL]) {
      const answer = await t.call("POST", "/api/session", { as: upn });
      expect(answer.status).toBe(200);
      ids[upn] = answer.body.user.id;
    }
  });
  afterAll(() => t?.close());
  beforeEach(async () => {
    await t.sandboxCall("DELETE", "/sandbox/graph/requests");
  });

  const signIn = (upn: string) => t.call("POST", "/api/session", { as: upn });
  const recheck = (body: unknown, as = PRINCIPAL, org = CONTOSO_ORG) => t.call("POST", `/api/orgs/${org}/members/account-type-rechecks`, { as, body });
  const graphCallsOf = async (upn: string) => ((await t.sandboxCall("GET", `/sandbox/graph/requests?upn=${upn}`)).body as unknown[]).length;
  const flagOf = async (userId: string) => (await t.app.store.models.Membership.findOne({ where: { userId }, raw: true }))?.accountTypeRecheck ?? null;
  /** The Activity log as the admins read it, oldest first. */
  const activity = async () =>
    ((await t.call("GET", `/api/orgs/${CONTOSO_ORG}/audit?limit=100`, { as: PRINCIPAL })).body.items as Array<{ action: string; channel: string; actorName: string; target: { type: string; id: string } | null; details: any }>).reverse();
  const auditsOf = async (userId: string, action: string) => (await activity()).filter((a) => a.action === action && a.target?.id === userId);
  const memberView = async (userId: string) =>
    ((await t.call("GET", `/api/orgs/${CONTOSO_ORG}/members?limit=100`, { as: PRINCIPAL })).body.items as Array<{ userId: string }>).find((m) => m.userId === userId) as any;

  it("a student whose directory says teacher now becomes a teacher at the next sign-in, audited before and after", async () => {
    const student = ids[STUDENT]!;
    expect((await signIn(STUDENT)).body.user).toMatchObject({ accountType: "student", accountTypeSource: "education_api" });
    expect(await graphCallsOf(STUDENT)).toBe(0);
    // The school's directory changes; nothing in RosterLink notices until asked.
    expect((await t.sandboxCall("PUT", `/sandbox/graph/profile/${STUDENT}`, { educationRole: "teacher", licenses: ["M365EDU_A3_FACULTY"] })).status).toBe(200);

    const asked = await recheck({ userIds: [student] });
    expect(asked.status).toBe(200);
    expect(asked.body).toEqual({ requested: 1, mode: "keep_admin_set" });
    expect(await graphCallsOf(STUDENT)).toBe(0);
    expect(await memberView(student)).toMatchObject({ accountType: "student", accountTypeRecheck: "keep_admin_set" });
    expect(await auditsOf(student, "member.account_type_recheck_requested")).toHaveLength(1);

    const next = await signIn(STUDENT);
    expect(next.status).toBe(200);
    expect(next.body.user).toMatchObject({ accountType: "teacher", accountTypeSource: "education_api" });
    expect(await graphCallsOf(STUDENT)).toBeGreaterThan(0);
    expect(await flagOf(student)).toBeNull();
    const [audit] = await auditsOf(student, "member.account_type_rechecked");
    expect(audit).toMatchObject({ channel: "system", actorName: "Sofia Silva", target: { type: "user", id: student } });
    expect(audit!.details).toMatchObject({
      outcome: "changed",
      replaceAdminSet: false,
      before: { accountType: "student", source: "education_api" },
      after: { accountType: "teacher", source: "education_api" },
    });

    // Done once: the sign-in after is the fast path again.
    const callsAfterRecheck = await graphCallsOf(STUDENT);
    expect((await signIn(STUDENT)).body.user.accountType).toBe("teacher");
    expect(await graphCallsOf(STUDENT)).toBe(callsAfterRecheck);
    expect(await auditsOf(student, "member.account_type_rechecked")).toHaveLength(1);
  });

  it("a type an admin set by hand is kept, without reading Graph, unless the admin chooses to replace it", async () => {
    const teacher = ids[TEACHER]!;
    expect((await t.call("PATCH", `/api/orgs/${CONTOSO_ORG}/members/${teacher}`, { as: PRINCIPAL, body: { accountType: "student" } })).status).toBe(200);

    expect((await recheck({ userIds: [teacher] })).status).toBe(200);
    const kept = await signIn(TEACHER);
    expect(kept.body.user).toMatchObject({ accountType: "student", accountTypeSource: "admin" });
    expect(await graphCallsOf(TEACHER)).toBe(0);
    expect(await flagOf(teacher)).toBeNull();
    expect((await auditsOf(teacher, "member.account_type_rechecked")).map((a) => a.details)).toEqual([
      expect.objectContaining({ outcome: "kept_admin_set", before: { accountType: "student", source: "admin" }, after: { accountType: "student", source: "admin" } }),
    ]);

    const replacing = await recheck({ userIds: [teacher], replaceAdminSet: true });
    expect(replacing.body).toEqual({ requested: 1, mode: "replace_admin_set" });
    const replaced = await signIn(TEACHER);
    expect(replaced.body.user).toMatchObject({ accountType: "teacher", accountTypeSource: "education_api" });
    expect((await auditsOf(teacher, "member.account_type_rechecked")).at(-1)!.details).toMatchObject({
      outcome: "changed",
      replaceAdminSet: true,
      before: { accountType: "student", source: "admin" },
      after: { accountType: "teacher", source: "education_api" },
    });
  });

  it("no signal keeps the type the member chose; Graph failing keeps the request for the next sign-in", async () => {
    const nosignal = ids[NOSIGNAL]!;
    expect((await t.call("PUT", "/api/me/account-type", { as: NOSIGNAL, body: { accountType: "student" } })).status).toBe(200);
    await recheck({ userIds: [nosignal] });

    await t.sandboxCall("PUT", `/sandbox/graph/faults/${NOSIGNAL}`, [{ status: 503 }]);
    const failing = await signIn(NOSIGNAL);
    expect(failing.status).toBe(200);
    expect(failing.body.user).toMatchObject({ accountType: "student", accountTypeSource: "user_choice" });
    expect(await flagOf(nosignal)).toBe("keep_admin_set");
    expect(await auditsOf(nosignal, "member.account_type_rechecked")).toHaveLength(0);

    await t.sandboxCall("PUT", `/sandbox/graph/faults/${NOSIGNAL}`, []);
    const answered = await signIn(NOSIGNAL);
    expect(answered.body.user).toMatchObject({ accountType: "student", accountTypeSource: "user_choice" });
    expect(await flagOf(nosignal)).toBeNull();
    expect((await auditsOf(nosignal, "member.account_type_rechecked"))[0]!.details).toMatchObject({ outcome: "no_signal" });
  });

  it("a selection flags exactly those members, with an audit row each", async () => {
    const selection = [ids[STUDENT]!, ids[NOSIGNAL]!];
    const requestsOf = async (id: string) => (await auditsOf(id, "member.account_type_recheck_requested")).length;
    const before = [await requestsOf(selection[0]!), await requestsOf(selection[1]!)];
    const answer = await recheck({ userIds: selection, replaceAdminSet: true });
    expect(answer.body).toEqual({ requested: 2, mode: "replace_admin_set" });
    expect(await flagOf(selection[0]!)).toBe("replace_admin_set");
    expect(await flagOf(selection[1]!)).toBe("replace_admin_set");
    expect(await flagOf(ids[TEACHER]!)).toBeNull();
    expect([await requestsOf(selection[0]!), await requestsOf(selection[1]!)]).toEqual([before[0]! + 1, before[1]! + 1]);
    await t.app.store.models.Membership.update({ accountTypeRecheck: null }, { where: { organizationId: CONTOSO_ORG } });
  });

  it("everyone at once: one request flags every member, with one audit row", async () => {
    const answer = await recheck({ everyone: true });
    expect(answer.status).toBe(200);
    const members = await t.app.store.models.Membership.count({ where: { organizationId: CONTOSO_ORG } });
    expect(answer.body).toEqual({ requested: members, mode: "keep_admin_set" });
    expect(await t.app.store.models.Membership.count({ where: { organizationId: CONTOSO_ORG, accountTypeRecheck: "keep_admin_set" } })).toBe(members);
    const rows = (await activity()).filter((a) => a.action === "member.account_type_recheck_requested" && a.target?.type === "organization");
    expect(rows).toHaveLength(1);
    expect(rows[0]!.details).toMatchObject({ everyone: true, count: members });
    // Another organization's members are untouched.
    expect(await t.app.store.models.Membership.count({ where: { organizationId: TAILSPIN_ORG, accountTypeRecheck: "keep_admin_set" } })).toBe(0);
    await t.app.store.models.Membership.update({ accountTypeRecheck: null }, { where: { organizationId: CONTOSO_ORG } });
  });

  it("only the organization's admins may ask; bad bodies and foreign ids change nothing", async () => {
    const student = ids[STUDENT]!;
    const before = (await activity()).length;
    const notAdmin = await recheck({ userIds: [student] }, STUDENT);
    expect(notAdmin.status).toBe(403);
    expect(notAdmin.body.code).toBe("not_org_admin");
    const otherOrg = await recheck({ everyone: true }, TAILSPIN_HEAD);
    expect(otherOrg.status).toBe(404);
    const foreignMember = await recheck({ userIds: [student] }, TAILSPIN_HEAD, TAILSPIN_ORG);
    expect(foreignMember.status).toBe(404);
    expect(foreignMember.body.code).toBe("member_not_found");
    const mixed = await recheck({ userIds: [student, personaUserId(t, TAILSPIN_HEAD)] });
    expect(mixed.status).toBe(404);
    for (const body of [{}, { userIds: [] }, { everyone: true, userIds: [student] }, { everyone: false }, { userIds: [student], extra: 1 }]) {
      const bad = await recheck(body);
      expect(bad.status, JSON.stringify(body)).toBe(400);
      expect(bad.headers["content-type"]).toContain("application/problem+json");
    }
    expect(await flagOf(student)).toBeNull();
    expect((await activity()).length).toBe(before);
  });

  it("two sign-ins at once apply a re-check once", async () => {
    const student = ids[STUDENT]!;
    await t.sandboxCall("PUT", `/sandbox/graph/profile/${STUDENT}`, { educationRole: "student", licenses: ["M365EDU_A3_STUDENT"] });
    await recheck({ userIds: [student] });
    const before = (await auditsOf(student, "member.account_type_rechecked")).length;
    const answers = await Promise.all(Array.from({ length: 6 }, () => signIn(STUDENT)));
    expect(answers.map((a) => a.status)).toEqual(Array(6).fill(200));
    expect((await signIn(STUDENT)).body.user).toMatchObject({ accountType: "student", accountTypeSource: "education_api" });
    expect((await auditsOf(student, "member.account_type_rechecked")).length - before).toBe(1);
    expect(await flagOf(student)).toBeNull();
  });
});
