import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONTOSO_TID, GROUPS, NORTHWIND_TID, TAILSPIN_TID } from "../../sandbox/fixtures/index.js";
import { accountTypeSettingsView } from "../../contract/account-type-settings.js";
import { stableId } from "../../api/domain/seed.js";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { DATABASE_KINDS } from "../helpers/databases.js";

const contoso = stableId(`org:${CONTOSO_TID}`);
const northwind = stableId(`org:${NORTHWIND_TID}`);
const tailspin = stableId(`org:${TAILSPIN_TID}`);
const PRINCIPAL = "principal@contoso.example";
const OFFICE = "office@contoso.example";
const settingsOf = (orgId: string) => `/api/orgs/${orgId}/account-type-settings`;

/** docs/spec.md §5: admin-defined group rules and confirmation of self-chosen teachers, over HTTP against the sandbox. */
describe.each(DATABASE_KINDS)("account type settings (%s)", (database) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ database });
  });
  afterAll(() => t?.close());

  const read = (as = PRINCIPAL, orgId = contoso) => t.call("GET", settingsOf(orgId), { as });
  const save = (body: unknown, as = PRINCIPAL, orgId = contoso) => t.call("PUT", settingsOf(orgId), { as, body });
  /** The Activity log's settings changes, oldest first, as an admin reads them. */
  const settingsAudits = async (): Promise<Array<{ actorName: string; channel: string; target: unknown; details: unknown }>> => {
    const page = await t.call("GET", `/api/orgs/${contoso}/audit?limit=100`, { as: PRINCIPAL });
    return page.body.items.filter((event: { action: string }) => event.action === "settings.changed").reverse();
  };

  it("an admin reads the defaults: no rules, self-chosen teachers not confirmed", async () => {
    const answer = await read();
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ confirmSelfChosenTeachers: false, groupRules: [], accountTypeChoices: ["teacher", "student"], groupRulesAvailable: true });
    expect(accountTypeSettingsView.safeParse(answer.body).success).toBe(true);
  });

  const rules = [
    { groupId: GROUPS.contosoStaff.toUpperCase(), accountType: "teacher", priority: 0 },
    { groupId: GROUPS.contosoStudents, accountType: "student", priority: 5 },
  ];

  it("an admin saves group rules; they come back in the order sign-in tries them, audited as a summary", async () => {
    const saved = await save({ confirmSelfChosenTeachers: false, groupRules: rules });
    expect(saved.status).toBe(200);
    const expected = [
      { groupId: GROUPS.contosoStudents, accountType: "student", priority: 5 },
      { groupId: GROUPS.contosoStaff, accountType: "teacher", priority: 0 },
    ];
    expect(saved.body.groupRules).toEqual(expected);
    expect((await read(OFFICE)).body.groupRules).toEqual(expected);
    const audits = await settingsAudits();
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actorName: "Priya Patel (Principal)", channel: "tab", target: { type: "organization", id: contoso } });
    expect(audits[0]!.details).toEqual({ groupRules: { added: 2, removed: 0, changed: 0, total: 2 } });

    // Saving the same settings again changes nothing and records nothing.
    expect((await save({ confirmSelfChosenTeachers: false, groupRules: rules })).status).toBe(200);
    expect(await settingsAudits()).toHaveLength(1);
  });

  it("a new student in a ruled group signs in with the rule's type, ahead of the education data", async () => {
    const answer = await t.call("POST", "/api/session", { as: "student@contoso.example" });
    expect(answer.status).toBe(200);
    expect(answer.body.user).toMatchObject({ accountType: "student", accountTypeSource: "group_rule", teacherConfirmationPending: false });
    expect(answer.body.next).toBe("ready");
  });

  it("a new staff member with no education role joins as a teacher by the staff group's rule", async () => {
    const answer = await t.call("POST", "/api/session", { as: "it@contoso.example" });
    expect(answer.body.user).toMatchObject({ accountType: "teacher", accountTypeSource: "group_rule" });
    expect(answer.body.membership.organization.id).toBe(contoso);
  });

  const badBodies: Array<[string, unknown, string]> = [
    ["a type eLearning organizations use", { confirmSelfChosenTeachers: true, groupRules: [{ groupId: GROUPS.contosoTeachers, accountType: "creator", priority: 1 }] }, "account_type_not_for_organization"],
    ["the same group twice (in another case)", { confirmSelfChosenTeachers: true, groupRules: [rules[1], { ...rules[1], groupId: GROUPS.contosoStudents.toUpperCase(), priority: 9 }] }, "duplicate_group_rule"],
    ["a group id that is not a GUID", { confirmSelfChosenTeachers: true, groupRules: [{ groupId: "Teachers", accountType: "teacher", priority: 1 }] }, "invalid_request"],
    ["a priority that is not a whole number", { confirmSelfChosenTeachers: true, groupRules: [{ groupId: GROUPS.contosoTeachers, accountType: "teacher", priority: 1.5 }] }, "invalid_request"],
    ["51 rules", { confirmSelfChosenTeachers: true, groupRules: Array.from({ length: 51 }, (_, i) => ({ groupId: `c0a70500-7000-4000-8000-${String(i).padStart(12, "0")}`, accountType: "student", priority: i })) }, "invalid_request"],
    ["no confirmation setting", { groupRules: [] }, "invalid_request"],
    ["an unknown field", { confirmSelfChosenTeachers: true, groupRules: [], approveEveryone: true }, "invalid_request"],
  ];

  it.each(badBodies)("a body with %s is refused with 400 and changes nothing", async (_, body, code) => {
    const before = { settings: (await read()).body, audits: (await settingsAudits()).length, rules: await t.app.store.models.AccountTypeRule.count() };
    const answer = await save(body);
    expect(answer.status).toBe(400);
    expect(answer.body.code).toBe(code);
    expect({ settings: (await read()).body, audits: (await settingsAudits()).length, rules: await t.app.store.models.AccountTypeRule.count() }).toEqual(before);
  });

  it("with confirmation on, a self-chosen teacher waits until an admin confirms them from Members", async () => {
    const saved = await save({ confirmSelfChosenTeachers: true, groupRules: rules });
    expect(saved.body.confirmSelfChosenTeachers).toBe(true);
    expect((await settingsAudits()).at(-1)!.details).toEqual({ confirmSelfChosenTeachers: { from: false, to: true } });

    expect((await t.call("POST", "/api/session", { as: "nosignal@contoso.example" })).body.next).toBe("choose_account_type");
    const chosen = await t.call("PUT", "/api/me/account-type", { as: "nosignal@contoso.example", body: { accountType: "teacher" } });
    expect(chosen.status).toBe(200);
    const waiting = await t.call("POST", "/api/session", { as: "nosignal@contoso.example" });
    expect(waiting.body.user).toMatchObject({ accountType: "teacher", accountTypeSource: "user_choice", teacherConfirmationPending: true });

    const members = await t.call("GET", `/api/orgs/${contoso}/members?q=nosignal`, { as: OFFICE });
    const member = members.body.items.find((m: { userId: string }) => m.userId === waiting.body.user.id);
    expect(member).toMatchObject({ accountType: "teacher", teacherConfirmationPending: true });

    const confirmed = await t.call("PATCH", `/api/orgs/${contoso}/members/${member.userId}`, { as: OFFICE, body: { accountType: "teacher" } });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ accountType: "teacher", accountTypeSource: "admin", teacherConfirmationPending: false });
    const after = await t.call("POST", "/api/session", { as: "nosignal@contoso.example" });
    expect(after.body.user).toMatchObject({ accountType: "teacher", accountTypeSource: "admin", teacherConfirmationPending: false });
  });

  it("two admins saving at once leave one admin's settings whole, never a mixture", async () => {
    const mine = { confirmSelfChosenTeachers: false, groupRules: [{ groupId: GROUPS.contosoTeachers, accountType: "teacher", priority: 3 }] };
    const theirs = { confirmSelfChosenTeachers: true, groupRules: [rules[1], { groupId: GROUPS.contosoTeachers, accountType: "student", priority: 1 }] };
    const answers = await Promise.all([save(mine, PRINCIPAL), save(theirs, OFFICE)]);
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    const now = (await read()).body;
    expect([answers[0]!.body, answers[1]!.body]).toContainEqual(now);
    expect(await t.app.store.models.AccountTypeRule.count({ where: { organizationId: contoso } })).toBe(now.groupRules.length);
  });

  it("an eLearning organization's rules give creators and learners", async () => {
    expect((await read("owner@northwind.example", northwind)).body.accountTypeChoices).toEqual(["creator", "learner"]);
    const refused = await save({ confirmSelfChosenTeachers: false, groupRules: [{ groupId: GROUPS.contosoTeachers, accountType: "teacher", priority: 0 }] }, "owner@northwind.example", northwind);
    expect(refused.body.code).toBe("account_type_not_for_organization");
    const saved = await save({ confirmSelfChosenTeachers: false, groupRules: [{ groupId: GROUPS.contosoTeachers, accountType: "creator", priority: 0 }] }, "owner@northwind.example", northwind);
    expect(saved.status).toBe(200);
    expect(saved.body.groupRules).toEqual([{ groupId: GROUPS.contosoTeachers, accountType: "creator", priority: 0 }]);
  });

  it("on the Free plan group rules are refused (no Microsoft 365 integration), while confirmation can still be set", async () => {
    expect((await read("head@tailspin.example", tailspin)).body.groupRulesAvailable).toBe(false);
    const refused = await save({ confirmSelfChosenTeachers: true, groupRules: [{ groupId: GROUPS.contosoTeachers, accountType: "teacher", priority: 0 }] }, "head@tailspin.example", tailspin);
    expect(refused).toMatchObject({ status: 403, body: { code: "integration_unavailable" } });
    expect((await read("head@tailspin.example", tailspin)).body.confirmSelfChosenTeachers).toBe(false);
    const saved = await save({ confirmSelfChosenTeachers: true, groupRules: [] }, "head@tailspin.example", tailspin);
    expect(saved.body).toMatchObject({ confirmSelfChosenTeachers: true, groupRules: [] });
  });
});
