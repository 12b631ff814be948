import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONTOSO_TID, FABRIKAM_TID, NORTHWIND_TID } from "../../sandbox/fixtures/index.js";
import { sessionResponseSchema } from "../../contract/session.js";
import { startTestApp, type TestApp } from "../helpers/app.js";

/** docs/spec.md §4–§5 for first sign-ins of the fixture personas, against the sandbox's Entra ID and Graph. */
describe("first sign-in and auto-join", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  const signIn = (upn: string) => t.call("POST", "/api/session", { as: upn });
  const userRow = (tid: string, upn: string) =>
    t.app.store.models.User.findOne({ where: { tid, email: upn }, raw: true });

  it("a new student from a linked tenant joins as a student without a registration step", async () => {
    const answer = await signIn("student@contoso.example");
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      user: { displayName: "Sofia Silva", email: "student@contoso.example", accountType: "student", accountTypeSource: "education_api", teacherConfirmationPending: false },
      membership: { organization: { name: "Contoso High School", kind: "school", plan: "school" }, isAdmin: false },
      next: "ready",
      joinOffer: null,
      pendingRequest: null,
      consent: null,
      accountTypeChoices: ["teacher", "student"],
    });
    // The shape the tab, the bot and the consent pages build on.
    expect(sessionResponseSchema.safeParse(answer.body).success).toBe(true);
    const membership = await t.app.store.models.Membership.findOne({ where: { userId: answer.body.user.id }, raw: true });
    expect(membership?.joinedVia).toBe("auto_join");
    const audit = await t.app.store.models.AuditEvent.findAll({ where: { action: "member.joined", targetId: answer.body.user.id }, raw: true });
    expect(audit).toHaveLength(1);
  });

  it("a new teacher from a linked tenant joins as a teacher from the education API", async () => {
    const answer = await signIn("teacher@contoso.example");
    expect(answer.body.user).toMatchObject({ accountType: "teacher", accountTypeSource: "education_api" });
    expect(answer.body.next).toBe("ready");
    expect(answer.body.membership.organization.name).toBe("Contoso High School");
  });

  it("stores only tid, oid, name, email and the type — identified by (tid, oid), never by the email", async () => {
    const row = await userRow(CONTOSO_TID, "student@contoso.example");
    expect(row).toMatchObject({ tid: CONTOSO_TID, oid: "c0a70500-a000-4000-8000-000000000005", displayName: "Sofia Silva" });
    const again = await signIn("student@contoso.example");
    expect(again.body.user.id).toBe(row!.id);
    expect(await t.app.store.models.User.count({ where: { tid: CONTOSO_TID, oid: row!.oid } })).toBe(1);
  });

  it("a new user with no signal joins and is asked to choose the account type", async () => {
    const answer = await signIn("nosignal@contoso.example");
    expect(answer.body).toMatchObject({ user: { accountType: null, accountTypeSource: null }, next: "choose_account_type" });
    expect(answer.body.membership.organization.name).toBe("Contoso High School");
  });

  it("a user whose Graph calls keep failing gets in within the time budget, as unknown type", async () => {
    const started = Date.now();
    const answer = await signIn("flaky@contoso.example");
    const elapsed = Date.now() - started;
    expect(answer.status).toBe(200);
    expect(elapsed).toBeLessThan(4_500);
    expect(answer.body).toMatchObject({ user: { accountType: null }, next: "choose_account_type", membership: { organization: { name: "Contoso High School" } } });
    const graphCalls = (await t.sandboxCall("GET", "/sandbox/graph/requests?upn=flaky@contoso.example")).body as Array<{ status: number }>;
    // It retried (429 after Retry-After, 503 with backoff) rather than giving up at once.
    expect(graphCalls.length).toBeGreaterThanOrEqual(2);
    expect(graphCalls.map((c) => c.status)).toEqual(expect.arrayContaining([429, 503]));
  });

  it("a Fabrikam user's type comes from the licence once Fabrikam's consent is active", async () => {
    const granted = await t.sandboxCall("POST", "/sandbox/consent/grant", { tid: FABRIKAM_TID, scopes: ["User.Read"] });
    expect(granted.status).toBe(200);
    await t.app.store.models.TenantLink.update({ status: "active", rosterAccess: false, grantedScopes: "User.Read", consentedAt: new Date() }, { where: { tid: FABRIKAM_TID } });

    const teacher = await signIn("teacher@fabrikam.example");
    expect(teacher.body).toMatchObject({ user: { accountType: "teacher", accountTypeSource: "license" }, next: "ready" });
    expect(teacher.body.membership.organization).toMatchObject({ name: "Fabrikam Academy District", kind: "district", plan: "district" });
    const student = await signIn("student@fabrikam.example");
    expect(student.body.user).toMatchObject({ accountType: "student", accountTypeSource: "license" });
    const mixed = await signIn("mixed@fabrikam.example");
    expect(mixed.body).toMatchObject({ user: { accountType: null }, next: "choose_account_type" });
    // Without roster access the education API is never asked.
    const paths = ((await t.sandboxCall("GET", "/sandbox/graph/requests?upn=teacher@fabrikam.example")).body as Array<{ path: string }>).map((c) => c.path);
    expect(paths.some((p) => p.includes("/education/"))).toBe(false);
  });

  it("an admin's group rule decides before the education API and the licences", async () => {
    const contoso = await t.app.store.models.TenantLink.findOne({ where: { tid: CONTOSO_TID }, raw: true });
    const staff = "c0a70500-6000-4000-8000-000000000001";
    await t.app.store.models.AccountTypeRule.create({ organizationId: contoso!.organizationId, groupId: staff, accountType: "teacher", priority: 1 });
    const answer = await signIn("it@contoso.example");
    expect(answer.body).toMatchObject({ user: { accountType: "teacher", accountTypeSource: "group_rule" }, next: "ready" });
    await t.app.store.models.AccountTypeRule.destroy({ where: { organizationId: contoso!.organizationId } });
  });

  it("tells the operator about sign-ins by outcome and about Graph's latency and retries", async () => {
    const metrics = (await t.call("GET", "/api/metrics")).text;
    expect(metrics).toMatch(/rosterlink_sign_ins_total\{next="ready",outcome="new_member"\} [1-9]/);
    expect(metrics).toMatch(/rosterlink_sign_ins_total\{next="choose_account_type",outcome="new_member"\} [1-9]/);
    expect(metrics).toMatch(/rosterlink_graph_retries_total\{reason="throttled"\} [1-9]/);
    expect(metrics).toMatch(/rosterlink_graph_retries_total\{reason="server_error"\} [1-9]/);
    expect(metrics).toMatch(/rosterlink_graph_request_duration_seconds_count\{signal="education_api"\} [1-9]/);
    // Labels say nothing about a school or a person.
    expect(metrics).not.toContain(CONTOSO_TID);
  });

  it("personal Microsoft accounts are never joined: an individual account that picks its type", async () => {
    const answer = await signIn("sam@live.example");
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ membership: null, next: "choose_account_type", joinOffer: null, user: { accountType: null } });
    expect(sessionResponseSchema.safeParse(answer.body).success).toBe(true);
  });

  it("guests are never joined, even in a linked, active tenant, and get no join offer", async () => {
    const answer = await signIn("guest@contoso.example");
    expect(answer.body).toMatchObject({ membership: null, joinOffer: null, next: "choose_account_type" });
    expect((await t.sandboxCall("GET", "/sandbox/graph/requests?upn=guest@contoso.example")).body).toEqual([]);
  });

  it("a new user of a tenant that is not linked gets an individual account and picks the type", async () => {
    const answer = await signIn("newuser@northwind.example");
    expect(answer.body).toMatchObject({ membership: null, next: "choose_account_type", joinOffer: null });
    const row = await t.app.store.models.User.findOne({ where: { tid: NORTHWIND_TID, oid: "90d70000-a000-4000-8000-000000000003" }, raw: true });
    expect(row).not.toBeNull();
  });
});
