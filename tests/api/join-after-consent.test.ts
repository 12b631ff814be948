import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stableId } from "../../api/domain/seed.js";
import { FABRIKAM_TID } from "../../sandbox/fixtures/index.js";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { consentThroughEntra } from "../helpers/consent.js";
import { DATABASE_KINDS } from "../helpers/databases.js";

const fabrikam = stableId(`org:${FABRIKAM_TID}`);

/** docs/spec.md §3.5: people who open RosterLink before their tenant's consent join at their next sign-in after it. */
describe.each(DATABASE_KINDS)("sign-ins before consent (%s)", (database) => {
  const instances: TestApp[] = [];
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ database });
    instances.push(t);
    if (database === "postgres") instances.push(await startTestApp({ sharedDatabase: t.database, sharedSandbox: t.sandbox }));
  });
  afterAll(async () => {
    for (const instance of [...instances].reverse()) await instance.close();
  });

  const session = (as: string) => t.call("POST", "/api/session", { as });

  it("before consent, a Fabrikam teacher, a user who picks a type, a guest and the IT admin are individuals", async () => {
    const teacher = await session("teacher@fabrikam.example");
    expect(teacher.body).toMatchObject({ membership: null, next: "choose_account_type", user: { accountType: null } });
    const mixed = await session("mixed@fabrikam.example");
    expect(mixed.body.membership).toBeNull();
    const chosen = await t.call("PUT", "/api/me/account-type", { as: "mixed@fabrikam.example", body: { accountType: "student" } });
    expect(chosen.status).toBe(200);
    expect((await session("guest@fabrikam.example")).body.membership).toBeNull();
    const it = await session("it@fabrikam.example");
    expect(it.body).toMatchObject({ membership: null, next: "consent_required" });
    // Nobody joined, and no Graph was read for anyone yet.
    expect(await t.app.store.models.Membership.count({ where: { organizationId: fabrikam, joinedVia: "auto_join_after_consent" } })).toBe(0);
  });

  it("the IT admin grants consent from the sign-in offer and joins at the next sign-in, without being asked for a type first", async () => {
    const offer = await session("it@fabrikam.example");
    const { outcome } = await consentThroughEntra(t, offer.body.consent.url, "it@fabrikam.example");
    expect(outcome).toBe("granted");
    const after = await session("it@fabrikam.example");
    expect(after.body).toMatchObject({ membership: { organization: { id: fabrikam }, isAdmin: false }, consent: null });
    // No signal in Graph for IT (a Power BI licence): they choose now, as any new member would.
    expect(after.body.next).toBe("choose_account_type");
  });

  it("20 concurrent next sign-ins of the teacher join once, detected by licence, with 20 agreeing answers", async () => {
    const token = await t.token("teacher@fabrikam.example");
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => instances[i % instances.length]!.call("POST", "/api/session", { token })));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
    const distinct = [...new Set(answers.map((a) => JSON.stringify(a.body)))];
    expect(distinct).toEqual([distinct[0]]);
    expect(answers[0]!.body).toMatchObject({
      membership: { organization: { id: fabrikam } },
      user: { accountType: "teacher", accountTypeSource: "license" },
      next: "ready",
    });
    // One of the sign-ins detected; the others waited for its join: Graph was read once.
    const graphLog = await t.sandboxCall("GET", "/sandbox/graph/requests?upn=teacher@fabrikam.example");
    expect((graphLog.body as Array<{ path: string }>).filter((r) => r.path.endsWith("/licenseDetails"))).toHaveLength(1);
    const userId = answers[0]!.body.user.id;
    const { Membership, AuditEvent } = t.app.store.models;
    expect(await Membership.count({ where: { userId } })).toBe(1);
    const joined = await AuditEvent.findAll({ where: { action: "member.joined", targetId: userId } });
    expect(joined).toHaveLength(1);
    expect(joined[0]!.details).toMatchObject({ via: "auto_join_after_consent", accountType: "teacher", accountTypeSource: "license" });
  });

  it("a type the person chose before consent stands", async () => {
    const after = await session("mixed@fabrikam.example");
    expect(after.body).toMatchObject({ membership: { organization: { id: fabrikam } }, user: { accountType: "student", accountTypeSource: "user_choice" }, next: "ready" });
  });

  it("a guest never joins, and someone whose account predates the link is offered to ask instead", async () => {
    expect((await session("guest@fabrikam.example")).body).toMatchObject({ membership: null, joinOffer: null });
    const tutor = await session("tutor@fabrikam.example");
    expect(tutor.body).toMatchObject({ membership: null, next: "join_offer" });
  });
});
