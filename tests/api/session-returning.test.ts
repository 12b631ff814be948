import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../helpers/app.js";

/** docs/spec.md §4 for people who already have an account: the fast path, the join offer and who never sees it. */
describe("returning users", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  const signIn = (upn: string) => t.call("POST", "/api/session", { as: upn });
  const graphCallsOf = async (upn: string) => ((await t.sandboxCall("GET", `/sandbox/graph/requests?upn=${upn}`)).body as unknown[]).length;

  it("a returning member goes straight in, with no Graph call and no write", async () => {
    const before = { users: await t.app.store.models.User.count(), audit: await t.app.store.models.AuditEvent.count(), consent: await t.app.store.models.ConsentState.count() };
    for (let i = 0; i < 3; i++) {
      const answer = await signIn("office@contoso.example");
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({
        user: { displayName: "Oscar Owens (Office)", accountType: "teacher" },
        membership: { organization: { name: "Contoso High School", kind: "school", plan: "school" }, isAdmin: true },
        next: "ready",
        joinOffer: null,
        pendingRequest: null,
        consent: null,
      });
    }
    expect(await graphCallsOf("office@contoso.example")).toBe(0);
    expect({ users: await t.app.store.models.User.count(), audit: await t.app.store.models.AuditEvent.count(), consent: await t.app.store.models.ConsentState.count() }).toEqual(before);
  });

  it("a member who joined automatically also signs in again without Graph", async () => {
    await signIn("student@contoso.example");
    const first = await graphCallsOf("student@contoso.example");
    expect(first).toBeGreaterThan(0);
    const again = await signIn("student@contoso.example");
    expect(again.body.next).toBe("ready");
    expect(await graphCallsOf("student@contoso.example")).toBe(first);
  });

  it("an existing individual teacher of a linked tenant is offered to join, and no Graph is read for it", async () => {
    const answer = await signIn("tutor@contoso.example");
    expect(answer.body).toMatchObject({
      membership: null,
      next: "join_offer",
      joinOffer: { organization: { name: "Contoso High School", kind: "school", plan: "school" } },
      pendingRequest: null,
      user: { accountType: "teacher" },
    });
    expect(await graphCallsOf("tutor@contoso.example")).toBe(0);
  });

  it("the students of a teacher subscription never see the offer", async () => {
    for (const upn of ["pupil1@contoso.example", "pupil2@contoso.example"]) {
      const answer = await signIn(upn);
      expect(answer.body).toMatchObject({ membership: null, joinOffer: null, next: "ready" });
      const request = await t.call("POST", "/api/me/join-request", { as: upn });
      expect(request.status).toBe(409);
      expect(request.body.code).toBe("follows_teacher");
    }
    expect(await t.app.store.models.JoinRequest.count()).toBe(0);
  });

  it("an existing personal account is never offered anything", async () => {
    const answer = await signIn("kim@outlook.example");
    expect(answer.body).toMatchObject({ membership: null, joinOffer: null, next: "ready" });
  });

  it("a member of a tenant whose organization awaits consent just gets in", async () => {
    const answer = await signIn("office@fabrikam.example");
    expect(answer.body).toMatchObject({ next: "ready", consent: null, membership: { isAdmin: true } });
  });

  it("the OpenAPI document describes the session and me routes with their response shapes", async () => {
    const { paths } = (await t.call("GET", "/api/openapi.json")).body;
    expect(paths["/api/session"].post.responses["2XX"].content["application/json"].schema.properties.next.enum).toEqual(
      ["ready", "choose_account_type", "join_offer", "pending_request", "consent_required"],
    );
    expect(paths["/api/me/account-type"].put.requestBody).toBeDefined();
    expect(paths["/api/me/join-request"].post.responses["2XX"]).toBeDefined();
    expect(paths["/api/me/join-offer"].delete.responses["2XX"]).toBeDefined();
  });
});
