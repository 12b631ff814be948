import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { DATABASE_KINDS } from "../helpers/databases.js";
import { CONTOSO_ORG, NORTHWIND_TID, auditActions, buildJoinRequest, membershipOf, orgIdOf, personaUserId } from "./requests-factory.js";

const DAY = 24 * 60 * 60 * 1000;

describe.each(DATABASE_KINDS)("management requests in the tab (%s)", (database) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ database });
  });
  afterAll(() => t?.close());

  it("approving a teacher with a teacher subscription joins the teacher and both students, who stay students", async () => {
    const tutorId = personaUserId(t, "tutor@contoso.example");
    const { requestId } = await buildJoinRequest(t, { userId: tutorId });
    const listed = await t.call("GET", `/api/orgs/${CONTOSO_ORG}/requests?status=pending`, { as: "principal@contoso.example" });
    expect(listed.status).toBe(200);
    const item = listed.body.items.find((i: { id: string }) => i.id === requestId);
    expect(item).toMatchObject({ status: "pending", studentsWhoWillFollow: 2, user: { displayName: "Tara Tan" }, decidedBy: null, channel: null });

    const approved = await t.call("POST", `/api/orgs/${CONTOSO_ORG}/requests/${requestId}/approve`, { as: "principal@contoso.example" });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ membersJoined: 3, request: { status: "approved", channel: "tab", decidedBy: { name: "Priya Patel (Principal)" } } });
    for (const upn of ["tutor@contoso.example", "pupil1@contoso.example", "pupil2@contoso.example"]) {
      expect(await membershipOf(t, personaUserId(t, upn))).toMatchObject({ organizationId: CONTOSO_ORG, joinedVia: "request", isAdmin: false });
    }
    for (const upn of ["pupil1@contoso.example", "pupil2@contoso.example"]) {
      const student = await t.app.store.models.User.findByPk(personaUserId(t, upn), { raw: true });
      expect(student?.accountType).toBe("student");
    }
    expect(await auditActions(t, requestId)).toEqual(["request.created", "request.approved"]);
    const audit = await t.app.store.models.AuditEvent.findOne({ where: { targetId: requestId, action: "request.approved" }, raw: true });
    expect(audit).toMatchObject({ channel: "tab", actorName: "Priya Patel (Principal)", actorUserId: personaUserId(t, "principal@contoso.example") });
    const decided = await t.app.store.models.Outbox.count({ where: { dedupeKey: `join_request.decided:${requestId}` } });
    expect(decided).toBe(1);
  });

  it("approve against reject at the same moment: one decision, one audit entry, the loser told who decided", async () => {
    const { requestId, userId } = await buildJoinRequest(t, { displayName: "Rita Race" });
    const [a, b] = await Promise.all([
      t.call("POST", `/api/orgs/${CONTOSO_ORG}/requests/${requestId}/approve`, { as: "principal@contoso.example" }),
      t.call("POST", `/api/orgs/${CONTOSO_ORG}/requests/${requestId}/reject`, { as: "office@contoso.example" }),
    ]);
    const statuses = [a.status, b.status].sort();
    expect(statuses).toEqual([200, 409]);
    const [winner, loser] = a.status === 200 ? [a, b] : [b, a];
    expect(loser.body.code).toBe("request_already_decided");
    expect(loser.body.decidedBy).toEqual(winner.body.request.decidedBy);
    expect(loser.body.detail).toBe(`Already ${winner.body.request.status} by ${winner.body.request.decidedBy.name}.`);
    const decisions = (await auditActions(t, requestId)).filter((action) => action !== "request.created");
    expect(decisions).toHaveLength(1);
    expect(Boolean(await membershipOf(t, userId))).toBe(winner.body.request.status === "approved");
  });

  it("a later decision answers 409 with who decided and changes nothing", async () => {
    const { requestId } = await buildJoinRequest(t);
    expect((await t.call("POST", `/api/orgs/${CONTOSO_ORG}/requests/${requestId}/reject`, { as: "office@contoso.example" })).status).toBe(200);
    const again = await t.call("POST", `/api/orgs/${CONTOSO_ORG}/requests/${requestId}/approve`, { as: "principal@contoso.example" });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: "request_already_decided", decision: "rejected", decidedBy: { name: "Oscar Owens (Office)" } });
    expect(await auditActions(t, requestId)).toEqual(["request.created", "request.rejected"]);
  });

  it("an expired request shows as expired and cannot be decided", async () => {
    const { requestId, userId } = await buildJoinRequest(t, { createdAt: new Date(Date.now() - 31 * DAY), displayName: "Old Oliver" });
    const listed = await t.call("GET", `/api/orgs/${CONTOSO_ORG}/requests?status=expired&q=oliver`, { as: "principal@contoso.example" });
    expect(listed.body.items.map((i: { id: string; status: string }) => [i.id, i.status])).toEqual([[requestId, "expired"]]);
    const answer = await t.call("POST", `/api/orgs/${CONTOSO_ORG}/requests/${requestId}/approve`, { as: "principal@contoso.example" });
    expect(answer.status).toBe(409);
    expect(answer.body.code).toBe("request_expired");
    expect(await membershipOf(t, userId)).toBeNull();
  });

  it("a person who meanwhile joined another organization cannot be approved, with a clear 409", async () => {
    const { requestId, userId } = await buildJoinRequest(t);
    await t.app.store.models.Membership.create({ organizationId: orgIdOf(NORTHWIND_TID), userId, isAdmin: false, joinedVia: "auto" });
    const answer = await t.call("POST", `/api/orgs/${CONTOSO_ORG}/requests/${requestId}/approve`, { as: "principal@contoso.example" });
    expect(answer.status).toBe(409);
    expect(answer.body.code).toBe("already_member");
    const request = await t.app.store.models.JoinRequest.findByPk(requestId, { raw: true });
    expect(request?.status).toBe("pending");
  });

  it("only the organization's admins see and decide requests: a member gets 403, another school's admin 404", async () => {
    const { requestId } = await buildJoinRequest(t);
    await t.app.store.models.Membership.create({ organizationId: CONTOSO_ORG, userId: (await buildJoinRequest(t)).userId, isAdmin: false, joinedVia: "auto" });
    const tail = `/api/orgs/${CONTOSO_ORG}/requests/${requestId}/approve`;
    const outsider = await t.call("POST", tail, { as: "owner@northwind.example" });
    expect(outsider.status).toBe(404);
    const anonymous = await t.call("GET", `/api/orgs/${CONTOSO_ORG}/requests`);
    expect(anonymous.status).toBe(401);
    const otherOrgsRequest = await t.call("POST", `/api/orgs/${orgIdOf(NORTHWIND_TID)}/requests/${requestId}/approve`, { as: "owner@northwind.example" });
    expect(otherOrgsRequest.status).toBe(404);
    expect((await t.app.store.models.JoinRequest.findByPk(requestId, { raw: true }))?.status).toBe("pending");
  });

  it("decides many at once; each item succeeds or fails on its own", async () => {
    const first = await buildJoinRequest(t);
    const second = await buildJoinRequest(t);
    await t.call("POST", `/api/orgs/${CONTOSO_ORG}/requests/${second.requestId}/reject`, { as: "office@contoso.example" });
    const answer = await t.call("POST", `/api/orgs/${CONTOSO_ORG}/requests/decisions`, {
      as: "principal@contoso.example",
      body: { decisions: [{ id: first.requestId, decision: "approve" }, { id: second.requestId, decision: "approve" }, { id: "00000000-0000-4000-8000-000000000000", decision: "reject" }] },
    });
    expect(answer.status).toBe(200);
    expect(answer.body.results).toMatchObject([
      { id: first.requestId, ok: true, request: { status: "approved" }, membersJoined: 1 },
      { id: second.requestId, ok: false, problem: { status: 409, code: "request_already_decided", decision: "rejected", decidedBy: { name: "Oscar Owens (Office)" } } },
      { id: "00000000-0000-4000-8000-000000000000", ok: false, problem: { status: 404, code: "request_not_found" } },
    ]);
  });

  it("refuses a malformed bulk body and changes nothing", async () => {
    const { requestId } = await buildJoinRequest(t);
    const answer = await t.call("POST", `/api/orgs/${CONTOSO_ORG}/requests/decisions`, {
      as: "principal@contoso.example",
      body: { decisions: [{ id: requestId, decision: "approve" }, { id: requestId, decision: "maybe" }] },
    });
    expect(answer.status).toBe(400);
    expect(answer.body.code).toBe("invalid_request");
    expect((await t.app.store.models.JoinRequest.findByPk(requestId, { raw: true }))?.status).toBe("pending");
  });

  it("lists pending requests first, then the newest, a page at a time", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let statuses: string[] = [];
    do {
      const query: string = cursor ? `?limit=3&cursor=${cursor}` : "?limit=3";
      const page = await t.call("GET", `/api/orgs/${CONTOSO_ORG}/requests${query}`, { as: "office@contoso.example" });
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((i: { id: string }) => i.id));
      statuses = [...statuses, ...page.body.items.map((i: { status: string }) => i.status)];
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    const total = await t.app.store.models.JoinRequest.count({ where: { organizationId: CONTOSO_ORG } });
    expect(seen).toHaveLength(total);
    const firstClosed = statuses.findIndex((s) => s !== "pending");
    expect(statuses.slice(firstClosed).every((s) => s !== "pending")).toBe(true);
    const bad = await t.call("GET", `/api/orgs/${CONTOSO_ORG}/requests?cursor=nonsense`, { as: "office@contoso.example" });
    expect(bad.body.code).toBe("invalid_cursor");
  });
});
