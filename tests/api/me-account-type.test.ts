import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NORTHWIND_TID } from "../../sandbox/fixtures/index.js";
import { startTestApp, type TestApp } from "../helpers/app.js";

/** docs/spec.md §4–§5: a user with no detected type picks one, once; an org may hold self-chosen teachers for confirmation. */
describe("choosing the account type", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  const choose = (upn: string, accountType: unknown) => t.call("PUT", "/api/me/account-type", { as: upn, body: { accountType } });

  it("a member with no signal picks student and is ready", async () => {
    expect((await t.call("POST", "/api/session", { as: "nosignal@contoso.example" })).body.next).toBe("choose_account_type");
    const chosen = await choose("nosignal@contoso.example", "student");
    expect(chosen.status).toBe(200);
    expect(chosen.body.user).toMatchObject({ accountType: "student", accountTypeSource: "user_choice", teacherConfirmationPending: false });
    expect((await t.call("POST", "/api/session", { as: "nosignal@contoso.example" })).body.next).toBe("ready");
    const audit = await t.app.store.models.AuditEvent.findAll({ where: { action: "member.account_type_changed", targetId: chosen.body.user.id }, raw: true });
    expect(audit).toHaveLength(1);
  });

  it("a type once set cannot be changed by its user (an admin can)", async () => {
    const again = await choose("nosignal@contoso.example", "teacher");
    expect([again.status, again.body.code]).toEqual([409, "account_type_already_set"]);
    const detected = await t.call("POST", "/api/session", { as: "student@contoso.example" });
    expect(detected.body.user.accountTypeSource).toBe("education_api");
    expect((await choose("student@contoso.example", "teacher")).status).toBe(409);
  });

  it("bad input changes nothing", async () => {
    await t.call("POST", "/api/session", { as: "sam@live.example" });
    for (const body of ["wizard", "creator", null, 7]) {
      const answer = await choose("sam@live.example", body);
      expect(answer.status).toBe(400);
      expect(answer.headers["content-type"]).toMatch(/application\/problem\+json/);
    }
    expect((await t.call("POST", "/api/session", { as: "sam@live.example" })).body.user.accountType).toBeNull();
    expect((await choose("sam@live.example", "teacher")).body.user.accountType).toBe("teacher");
  });

  it("where the organization confirms self-chosen teachers, a chosen teacher waits for confirmation and may still change their mind", async () => {
    await t.app.store.models.Organization.update({ confirmSelfChosenTeachers: true }, { where: { name: "Contoso High School" } });
    await t.sandboxCall("PUT", "/sandbox/graph/faults/it@contoso.example", [{ status: 400 }]);
    const session = await t.call("POST", "/api/session", { as: "it@contoso.example" });
    expect(session.body.next).toBe("choose_account_type");

    const teacher = await choose("it@contoso.example", "teacher");
    expect(teacher.body.user).toMatchObject({ accountType: "teacher", accountTypeSource: "user_choice", teacherConfirmationPending: true });
    expect((await t.call("POST", "/api/session", { as: "it@contoso.example" })).body.user.teacherConfirmationPending).toBe(true);

    const student = await choose("it@contoso.example", "student");
    expect(student.body.user).toMatchObject({ accountType: "student", teacherConfirmationPending: false });
    expect((await choose("it@contoso.example", "teacher")).status).toBe(409);
  });

  it("in an eLearning organization the choices are creator and learner", async () => {
    const northwind = (await t.app.store.models.Organization.findOne({ where: { name: "Northwind Learning" }, raw: true }))!;
    await t.app.store.models.TenantLink.create({ organizationId: northwind.id, tid: NORTHWIND_TID, domain: "northwind.example", status: "active", rosterRequested: false, rosterAccess: false, grantedScopes: "User.Read" });
    expect((await t.sandboxCall("POST", "/sandbox/consent/grant", { tid: NORTHWIND_TID, scopes: ["User.Read"] })).status).toBe(200);
    const session = await t.call("POST", "/api/session", { as: "admin@northwind.example" });
    expect(session.body).toMatchObject({
      membership: { organization: { name: "Northwind Learning", kind: "elearning", plan: "elearning_paid" } },
      next: "choose_account_type",
      accountTypeChoices: ["creator", "learner"],
    });
    expect((await choose("admin@northwind.example", "teacher")).status).toBe(400);
    expect((await choose("admin@northwind.example", "learner")).body.user).toMatchObject({ accountType: "learner", accountTypeSource: "user_choice" });
  });

  it("someone with no account yet is told to sign in first", async () => {
    const answer = await choose("newuser@northwind.example", "teacher");
    expect([answer.status, answer.body.code]).toEqual([404, "account_not_found"]);
    expect(await t.app.store.models.User.count({ where: { tid: NORTHWIND_TID, oid: "90d70000-a000-4000-8000-000000000003" } })).toBe(0);
  });
});
