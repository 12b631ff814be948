import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { DATABASE_KINDS } from "../helpers/databases.js";
import { CONTOSO_ORG, NORTHWIND_TID, auditActions, buildJoinRequest, membershipOf, orgIdOf, personaUserId } from "./requests-factory.js";

/**
 * A bulk decision is one transaction with set-based writes (docs/scale.md, bulk): each item must still be
 * decided as if alone, in order, against what the items before it did.
 */
describe.each(DATABASE_KINDS)("a bulk decision, item by item in one transaction (%s)", (database) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ database });
  });
  afterAll(() => t?.close());

  const decide = (decisions: Array<{ id: string; decision: "approve" | "reject" }>) =>
    t.call("POST", `/api/orgs/${CONTOSO_ORG}/requests/decisions`, { as: "principal@contoso.example", body: { decisions } });

  it("a refused item writes nothing of its own and leaves the others; the same request twice is decided once", async () => {
    const tutor = personaUserId(t, "tutor@contoso.example");
    const pupil1 = personaUserId(t, "pupil1@contoso.example");
    const pupil2 = personaUserId(t, "pupil2@contoso.example");
    const { Membership, Outbox, JoinRequest } = t.app.store.models;
    // One of the teacher's students already belongs to another school.
    await Membership.create({ organizationId: orgIdOf(NORTHWIND_TID), userId: pupil1, isAdmin: false, joinedVia: "auto" });
    const teacher = await buildJoinRequest(t, { userId: tutor });
    const fine = await buildJoinRequest(t, { displayName: "Fay Fine" });
    const elsewhere = await buildJoinRequest(t, { displayName: "Eli Elsewhere" });
    await Membership.create({ organizationId: orgIdOf(NORTHWIND_TID), userId: elsewhere.userId, isAdmin: false, joinedVia: "auto" });

    const answer = await decide([
      { id: teacher.requestId, decision: "approve" },
      { id: fine.requestId, decision: "approve" },
      { id: elsewhere.requestId, decision: "approve" },
      { id: fine.requestId, decision: "reject" },
    ]);
    expect(answer.status).toBe(200);
    expect(answer.body.results).toMatchObject([
      { id: teacher.requestId, ok: false, problem: { status: 409, code: "student_already_member" } },
      { id: fine.requestId, ok: true, membersJoined: 1, request: { status: "approved", decidedBy: { name: "Priya Patel (Principal)" } } },
      { id: elsewhere.requestId, ok: false, problem: { status: 409, code: "already_member" } },
      { id: fine.requestId, ok: false, problem: { status: 409, code: "request_already_decided", decision: "approved", decidedBy: { name: "Priya Patel (Principal)" } } },
    ]);
    // The refused teacher: still pending, nobody of theirs joined, no audit, no notification.
    expect(await JoinRequest.findByPk(teacher.requestId, { raw: true })).toMatchObject({ status: "pending" });
    expect(await membershipOf(t, tutor)).toBeNull();
    expect(await membershipOf(t, pupil2)).toBeNull();
    expect(await auditActions(t, teacher.requestId)).toEqual(["request.created"]);
    expect(await Outbox.count({ where: { dedupeKey: [`join_request.decided:${teacher.requestId}`, `join_request.decided:${elsewhere.requestId}`] } })).toBe(0);
    // The approved one: joined once, audited once, one notification of each kind.
    expect(await membershipOf(t, fine.userId)).toMatchObject({ organizationId: CONTOSO_ORG, joinedVia: "request" });
    expect(await auditActions(t, fine.requestId)).toEqual(["request.created", "request.approved"]);
    expect(await Outbox.count({ where: { dedupeKey: [`join_request.decided:${fine.requestId}`, `join_request.requester_told:${fine.requestId}`] } })).toBe(2);
    await Membership.destroy({ where: { userId: pupil1 } });
  });

  it("a student approved earlier in the same call is not joined twice by their teacher's approval", async () => {
    const tutor = personaUserId(t, "tutor@contoso.example");
    const pupil1 = personaUserId(t, "pupil1@contoso.example");
    const pupil2 = personaUserId(t, "pupil2@contoso.example");
    const teacher = (await t.app.store.models.JoinRequest.findOne({ where: { userId: tutor, status: "pending" }, raw: true })) ?? (await buildJoinRequest(t, { userId: tutor }));
    const teacherRequestId = "requestId" in teacher ? teacher.requestId : teacher.id;
    const student = await buildJoinRequest(t, { userId: pupil2, detectedAccountType: "student" });

    const answer = await decide([
      { id: student.requestId, decision: "approve" },
      { id: teacherRequestId, decision: "approve" },
    ]);
    expect(answer.body.results).toMatchObject([
      { id: student.requestId, ok: true, membersJoined: 1 },
      { id: teacherRequestId, ok: true, membersJoined: 2 },
    ]);
    for (const userId of [tutor, pupil1, pupil2]) expect(await membershipOf(t, userId)).toMatchObject({ organizationId: CONTOSO_ORG });
    expect(await t.app.store.models.Membership.count({ where: { userId: [tutor, pupil1, pupil2] } })).toBe(3);
    const joined = await t.app.store.models.AuditEvent.findAll({ where: { action: "member.joined", targetId: [tutor, pupil1, pupil2] }, raw: true });
    expect(joined.map((row) => row.targetId).sort()).toEqual([tutor, pupil1, pupil2].sort());
  });
});
