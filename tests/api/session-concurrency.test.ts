import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONTOSO_TID } from "../../sandbox/fixtures/index.js";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { DATABASE_KINDS } from "../helpers/databases.js";

/** docs/spec.md §10: a person's first sign-in arriving many times at once creates one user and one membership. */
describe.each(DATABASE_KINDS)("concurrent first sign-ins (%s)", (database) => {
  const instances: TestApp[] = [];
  beforeAll(async () => {
    const first = await startTestApp({ database });
    instances.push(first);
    // PostgreSQL: a second app instance on the same database, as behind a load balancer. SQLite is one instance.
    if (database === "postgres") instances.push(await startTestApp({ sharedDatabase: first.database, sharedSandbox: first.sandbox }));
  });
  afterAll(async () => {
    for (const instance of [...instances].reverse()) await instance.close();
  });

  it("returning people signing in at the same moment each get their own account", async () => {
    // Concurrent reads of accounts share statements (api/store/account-reader.ts): a mix-up would hand one person another's account.
    const people = ["office@contoso.example", "principal@contoso.example", "tutor@contoso.example", "pupil1@contoso.example", "pupil2@contoso.example", "tutor@fabrikam.example"];
    const alone = new Map<string, unknown>();
    for (const upn of people) alone.set(upn, (await instances[0]!.call("POST", "/api/session", { as: upn })).body);
    const together = await Promise.all(
      Array.from({ length: 120 }, (_, i) => people[i % people.length]!).map(async (upn, i) => ({ upn, answer: await instances[i % instances.length]!.call("POST", "/api/session", { as: upn }) })),
    );
    for (const { upn, answer } of together) {
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual(alone.get(upn));
    }
  });

  it("20 simultaneous first sign-ins of one student make one user, one membership, and 20 agreeing answers", async () => {
    const token = await instances[0]!.token("student@contoso.example");
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => instances[i % instances.length]!.call("POST", "/api/session", { token })),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
    const bodies = new Set(answers.map((a) => JSON.stringify(a.body)));
    expect(bodies.size).toBe(1);
    expect(answers[0]!.body).toMatchObject({ user: { accountType: "student", accountTypeSource: "education_api" }, membership: { organization: { name: "Contoso High School" } }, next: "ready" });

    const { User, Membership, AuditEvent } = instances[0]!.app.store.models;
    const users = await User.findAll({ where: { tid: CONTOSO_TID, oid: "c0a70500-a000-4000-8000-000000000005" }, raw: true });
    expect(users).toHaveLength(1);
    expect(await Membership.count({ where: { userId: users[0]!.id } })).toBe(1);
    expect(await AuditEvent.count({ where: { action: "member.joined", targetId: users[0]!.id } })).toBe(1);
    // The race really happened: the unique index refused the losers, which re-read the winner's rows.
    const raced = instances.flatMap((i) => i.logs.lines()).filter((line) => line.includes("concurrent first sign-in"));
    expect(raced.length).toBeGreaterThan(0);
  });

  it("20 simultaneous first sign-ins of someone with no signal agree too", async () => {
    const token = await instances[0]!.token("nosignal@contoso.example");
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => instances[i % instances.length]!.call("POST", "/api/session", { token })),
    );
    expect(new Set(answers.map((a) => `${a.status} ${JSON.stringify(a.body)}`)).size).toBe(1);
    expect(answers[0]!.body.next).toBe("choose_account_type");
    expect(await instances[0]!.app.store.models.User.count({ where: { tid: CONTOSO_TID, oid: "c0a70500-a000-4000-8000-000000000006" } })).toBe(1);
  });
});
