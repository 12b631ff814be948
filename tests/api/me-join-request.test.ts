import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONTOSO_TID } from "../../sandbox/fixtures/index.js";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { DATABASE_KINDS } from "../helpers/databases.js";

const TUTOR_OID = "c0a70500-a000-4000-8000-000000000007";

/** docs/spec.md §4, §6: accepting the join offer makes one pending management request; dismissing hides it for 30 days. */
describe.each(DATABASE_KINDS)("the join offer and the join request (%s)", (database) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ database });
  });
  afterAll(() => t?.close());

  const tutorId = async () => (await t.app.store.models.User.findOne({ where: { tid: CONTOSO_TID, oid: TUTOR_OID }, raw: true }))!.id;

  it("an existing teacher accepts the offer: a pending request with its audit row and the admins' notification", async () => {
    const created = await t.call("POST", "/api/me/join-request", { as: "tutor@contoso.example" });
    expect(created.status).toBe(201);
    expect(created.body.joinRequest).toMatchObject({ status: "pending", detectedAccountType: "teacher", organization: { name: "Contoso High School" } });
    const days = (Date.parse(created.body.joinRequest.expiresAt) - Date.parse(created.body.joinRequest.createdAt)) / 86_400_000;
    expect(Math.round(days)).toBe(30);

    const id = created.body.joinRequest.id as string;
    expect(await t.app.store.models.AuditEvent.count({ where: { action: "request.created", targetId: id } })).toBe(1);
    const outbox = await t.app.store.models.Outbox.findAll({ where: { kind: "join_request.created" }, raw: true });
    expect(outbox.map((o) => (typeof o.payload === "string" ? JSON.parse(o.payload) : o.payload))).toContainEqual(expect.objectContaining({ requestId: id }));

    const session = await t.call("POST", "/api/session", { as: "tutor@contoso.example" });
    expect(session.body).toMatchObject({ next: "pending_request", joinOffer: null, pendingRequest: { id, organization: { name: "Contoso High School" } } });
  });

  it("asking again returns the same pending request with 200, writing nothing new", async () => {
    const audit = await t.app.store.models.AuditEvent.count();
    const again = await t.call("POST", "/api/me/join-request", { as: "tutor@contoso.example" });
    expect(again.status).toBe(200);
    expect(await t.app.store.models.JoinRequest.count({ where: { status: "pending" } })).toBe(1);
    expect(await t.app.store.models.AuditEvent.count()).toBe(audit);
  });

  it("concurrent requests of one person make one pending request; all answers name it", async () => {
    await t.app.store.models.JoinRequest.destroy({ where: { userId: await tutorId() } });
    const answers = await Promise.all(Array.from({ length: 8 }, () => t.call("POST", "/api/me/join-request", { as: "tutor@contoso.example" })));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 201]);
    expect(new Set(answers.map((a) => a.body.joinRequest.id)).size).toBe(1);
    expect(await t.app.store.models.JoinRequest.count({ where: { userId: await tutorId() } })).toBe(1);
    expect(await t.app.store.models.Outbox.count({ where: { kind: "join_request.created" } })).toBe(2);
  });

  it("a pending request past its expiry is marked expired before a new one is made", async () => {
    const userId = await tutorId();
    await t.app.store.models.JoinRequest.update({ expiresAt: new Date(Date.now() - 1000) }, { where: { userId, status: "pending" } });
    const stale = await t.app.store.models.JoinRequest.findOne({ where: { userId, status: "pending" }, raw: true });

    const session = await t.call("POST", "/api/session", { as: "tutor@contoso.example" });
    expect(session.body).toMatchObject({ next: "join_offer", pendingRequest: null });

    const fresh = await t.call("POST", "/api/me/join-request", { as: "tutor@contoso.example" });
    expect(fresh.status).toBe(201);
    expect(fresh.body.joinRequest.id).not.toBe(stale!.id);
    expect((await t.app.store.models.JoinRequest.findByPk(stale!.id, { raw: true }))?.status).toBe("expired");
    expect(await t.app.store.models.AuditEvent.count({ where: { action: "request.expired", targetId: stale!.id } })).toBe(1);
  });

  it("dismissing the offer hides it for 30 days", async () => {
    await t.app.store.models.JoinRequest.destroy({ where: { userId: await tutorId() } });
    const hidden = await t.call("DELETE", "/api/me/join-offer", { as: "tutor@contoso.example" });
    expect(hidden.status).toBe(200);
    expect(Math.round((Date.parse(hidden.body.hiddenUntil) - Date.now()) / 86_400_000)).toBe(30);
    const session = await t.call("POST", "/api/session", { as: "tutor@contoso.example" });
    expect(session.body).toMatchObject({ next: "ready", joinOffer: null });

    await t.app.store.models.User.update({ joinOfferHiddenUntil: new Date(Date.now() - 1000) }, { where: { tid: CONTOSO_TID, oid: TUTOR_OID } });
    const later = await t.call("POST", "/api/session", { as: "tutor@contoso.example" });
    expect(later.body).toMatchObject({ next: "join_offer", joinOffer: { organization: { name: "Contoso High School" } } });
  });

  it("members, people with no offer and people with no account cannot ask to join", async () => {
    const member = await t.call("POST", "/api/me/join-request", { as: "office@contoso.example" });
    expect([member.status, member.body.code]).toEqual([409, "already_member"]);
    const individual = await t.call("POST", "/api/me/join-request", { as: "kim@outlook.example" });
    expect([individual.status, individual.body.code]).toEqual([409, "no_join_offer"]);
    const stranger = await t.call("POST", "/api/me/join-request", { as: "newuser@northwind.example" });
    expect([stranger.status, stranger.body.code]).toEqual([404, "account_not_found"]);
    const hide = await t.call("DELETE", "/api/me/join-offer", { as: "newuser@northwind.example" });
    expect(hide.status).toBe(404);
    expect(hide.headers["content-type"]).toMatch(/application\/problem\+json/);
  });
});
