import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { DATABASE_KINDS } from "../helpers/databases.js";
import { CONTOSO_ORG, buildJoinRequest, personaUserId } from "./requests-factory.js";

const DAY = 24 * 60 * 60 * 1000;
const TUTOR = "tutor@contoso.example";
const ADMIN = "office@contoso.example";

/** A rejection people hear about: a reason, a cooldown the admin sees, and no re-asking before it ends. */
describe.each(DATABASE_KINDS)("rejecting a request with a reason and a cooldown (%s)", (database) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ database });
  });
  afterAll(() => t?.close());

  const counts = async () => ({
    requests: await t.app.store.models.JoinRequest.count(),
    audit: await t.app.store.models.AuditEvent.count(),
    outbox: await t.app.store.models.Outbox.count(),
  });

  it("the admin rejects with a reason; the list shows the reason and when the person can ask again (7 days by default)", async () => {
    const asked = await t.call("POST", "/api/me/join-request", { as: TUTOR });
    expect(asked.status).toBe(201);
    const id: string = asked.body.joinRequest.id;
    const before = Date.now();
    const rejected = await t.call("POST", `/api/orgs/${CONTOSO_ORG}/requests/${id}/reject`, { as: ADMIN, body: { reason: "  Please use your school account.  " } });
    expect(rejected.status).toBe(200);
    expect(rejected.body.request).toMatchObject({ status: "rejected", reason: "Please use your school account.", decidedBy: { name: "Oscar Owens (Office)" } });
    const wait = Date.parse(rejected.body.request.canAskAgainAt) - before;
    expect(wait).toBeGreaterThan(7 * DAY - 60_000);
    expect(wait).toBeLessThan(7 * DAY + 60_000);

    const listed = await t.call("GET", `/api/orgs/${CONTOSO_ORG}/requests?status=rejected`, { as: ADMIN });
    expect(listed.body.items.find((i: { id: string }) => i.id === id)).toMatchObject({ reason: "Please use your school account.", canAskAgainAt: rejected.body.request.canAskAgainAt });

    const audit = await t.app.store.models.AuditEvent.findOne({ where: { targetId: id, action: "request.rejected" }, raw: true });
    const details = typeof audit!.details === "string" ? JSON.parse(audit!.details) : audit!.details;
    expect(details).toMatchObject({ userName: "Tara Tan", reason: "Please use your school account.", canAskAgainAt: rejected.body.request.canAskAgainAt });
    expect(await t.app.store.models.Outbox.count({ where: { dedupeKey: `join_request.requester_told:${id}` } })).toBe(1);
  });

  it("the person sees the decline with its reason instead of the join offer", async () => {
    const session = await t.call("POST", "/api/session", { as: TUTOR });
    expect(session.body).toMatchObject({
      next: "ready",
      joinOffer: null,
      pendingRequest: null,
      declinedRequest: { organization: { name: "Contoso High School" }, reason: "Please use your school account." },
    });
    expect(Date.parse(session.body.declinedRequest.canAskAgainAt)).toBeGreaterThan(Date.now() + 6 * DAY);
  });

  it("asking again during the cooldown is a 409 with a stable code and the date, and changes nothing — even eight at once", async () => {
    const before = await counts();
    const answers = await Promise.all(Array.from({ length: 8 }, () => t.call("POST", "/api/me/join-request", { as: TUTOR })));
    for (const answer of answers) {
      expect(answer.status).toBe(409);
      expect(answer.headers["content-type"]).toMatch(/application\/problem\+json/);
      expect(answer.body).toMatchObject({ code: "join_request_cooldown", reason: "Please use your school account." });
      expect(Date.parse(answer.body.canAskAgainAt)).toBeGreaterThan(Date.now() + 6 * DAY);
      expect(Number(answer.headers["retry-after"])).toBeGreaterThan(6 * 24 * 3600);
    }
    expect(await counts()).toEqual(before);
  });

  it("after the cooldown the offer is back and the person can ask again", async () => {
    await t.app.store.models.JoinRequest.update({ canAskAgainAt: new Date(Date.now() - 1000) }, { where: { userId: personaUserId(t, TUTOR), status: "rejected" } });
    const session = await t.call("POST", "/api/session", { as: TUTOR });
    expect(session.body).toMatchObject({ next: "join_offer", declinedRequest: null, joinOffer: { organization: { name: "Contoso High School" } } });
    const again = await t.call("POST", "/api/me/join-request", { as: TUTOR });
    expect(again.status).toBe(201);
  });

  it("a reason longer than 500 characters is refused and nothing changes", async () => {
    const { requestId } = await buildJoinRequest(t, { displayName: "Lena Long" });
    const before = await counts();
    const answer = await t.call("POST", `/api/orgs/${CONTOSO_ORG}/requests/${requestId}/reject`, { as: ADMIN, body: { reason: "x".repeat(501) } });
    expect(answer.status).toBe(400);
    expect(answer.body.code).toBe("invalid_request");
    expect(await counts()).toEqual(before);
    expect((await t.app.store.models.JoinRequest.findByPk(requestId, { raw: true }))?.status).toBe("pending");
  });

  it("rejects many at once, each with its own reason; a rejection without a reason still has a cooldown", async () => {
    const first = await buildJoinRequest(t, { displayName: "Rhea Reason" });
    const second = await buildJoinRequest(t, { displayName: "Nils Noreason" });
    const answer = await t.call("POST", `/api/orgs/${CONTOSO_ORG}/requests/decisions`, {
      as: ADMIN,
      body: { decisions: [{ id: first.requestId, decision: "reject", reason: "Not a staff member" }, { id: second.requestId, decision: "reject" }] },
    });
    expect(answer.status).toBe(200);
    expect(answer.body.results[0].request).toMatchObject({ status: "rejected", reason: "Not a staff member" });
    expect(answer.body.results[1].request).toMatchObject({ status: "rejected", reason: null });
    expect(answer.body.results[1].request.canAskAgainAt).toEqual(expect.any(String));
  });

  it("approving carries no reason or cooldown", async () => {
    const { requestId } = await buildJoinRequest(t, { displayName: "Ada Approved" });
    const answer = await t.call("POST", `/api/orgs/${CONTOSO_ORG}/requests/${requestId}/approve`, { as: ADMIN, body: { reason: "ignored" } });
    expect(answer.status).toBe(200);
    expect(answer.body.request).toMatchObject({ status: "approved", reason: null, canAskAgainAt: null });
  });
});
