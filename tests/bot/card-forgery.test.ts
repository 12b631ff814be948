import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { CONTOSO_ORG, NORTHWIND_TID, buildJoinRequest, orgIdOf, personaUserId } from "../api/requests-factory.js";
import { FAST_OUTBOX, cardFor, chat, install } from "./connector-helpers.js";

describe("card actions that must change nothing", () => {
  let t: TestApp;
  let requestId: string;
  beforeAll(async () => {
    t = await startTestApp({ tuning: { outbox: FAST_OUTBOX } });
    await install(t, "principal@contoso.example");
    ({ requestId } = await buildJoinRequest(t, { displayName: "Fay Forged" }));
  });
  afterAll(() => t?.close());

  const stillPending = async () => expect((await t.app.store.models.JoinRequest.findByPk(requestId, { raw: true }))?.status).toBe("pending");
  const anyActivityOf = async (upn: string) => (await chat(t, upn))[0]!.id;
  const refusal = (answer: { body: { status: number; body: { type: string; value: string } } }) => {
    expect(answer.body.body.type).toBe("application/vnd.microsoft.activity.message");
    return answer.body.body.value;
  };

  it("a member who is not an admin is told only admins decide", async () => {
    await t.app.store.models.Membership.create({ organizationId: CONTOSO_ORG, userId: personaUserId(t, "pupil1@contoso.example"), isAdmin: false, joinedVia: "auto" });
    await install(t, "pupil1@contoso.example");
    const answer = await t.sandboxCall("POST", "/sandbox/connector/invoke", { upn: "pupil1@contoso.example", activityId: await anyActivityOf("pupil1@contoso.example"), verb: "approve", data: { requestId } });
    expect(refusal(answer)).toMatch(/only an admin of the organization/);
    await stillPending();
  });

  it("another school's admin is refused", async () => {
    await install(t, "owner@northwind.example");
    const answer = await t.sandboxCall("POST", "/sandbox/connector/invoke", { upn: "owner@northwind.example", activityId: await anyActivityOf("owner@northwind.example"), verb: "approve", data: { requestId } });
    expect(refusal(answer)).toMatch(/only an admin of the organization/);
    await stillPending();
  });

  it("forged card data — a role, a tenant, another organization's request — changes nothing and says why", async () => {
    const card = await cardFor(t, "principal@contoso.example", requestId);
    const send = (data: unknown) => t.sandboxCall("POST", "/sandbox/connector/invoke", { upn: "principal@contoso.example", activityId: card.id, verb: "approve", data });
    expect(refusal(await send({ requestId, role: "admin" }))).toMatch(/never carries \(role\)/);
    expect(refusal(await send({ requestId, tenantId: NORTHWIND_TID }))).toMatch(/never carries \(tenantId\)/);
    const northwindRequest = await buildJoinRequest(t, { organizationId: orgIdOf(NORTHWIND_TID) });
    expect(refusal(await send({ requestId: northwindRequest.requestId }))).toMatch(/only an admin of the organization/);
    expect((await t.app.store.models.JoinRequest.findByPk(northwindRequest.requestId, { raw: true }))?.status).toBe("pending");
    await stillPending();
  });

  it("the Action.Submit fallback is authorised the same way and updates the card in place", async () => {
    const card = await cardFor(t, "principal@contoso.example", requestId);
    const forged = await t.sandboxCall("POST", "/sandbox/connector/submit", { upn: "principal@contoso.example", activityId: card.id, data: { requestId, verb: "approve", oid: "someone-else" } });
    expect(forged.body.status).toBe(200);
    await stillPending();
    const real = await t.sandboxCall("POST", "/sandbox/connector/submit", { upn: "principal@contoso.example", activityId: card.id, data: { requestId, verb: "reject" } });
    expect(real.body.status).toBe(200);
    expect((await t.app.store.models.JoinRequest.findByPk(requestId, { raw: true }))?.decisionChannel).toBe("bot");
    const updated = (await chat(t, "principal@contoso.example")).find((a) => a.id === card.id)!;
    expect(JSON.stringify(updated.attachments)).toContain("Rejected by Priya Patel (Principal)");
  });

  it("an unauthenticated or wrongly signed POST to /api/messages gets 401", async () => {
    const activity = { type: "message", text: "pending", channelId: "msteams", serviceUrl: t.sandbox.connector.serviceUrl, from: { id: "29:x", aadObjectId: "c0a70500-a000-4000-8000-000000000001" }, conversation: { id: "a:x", tenantId: "c0a70500-0000-4000-8000-000000000001" }, recipient: { id: "28:bot" } };
    const anonymous = await t.call("POST", "/api/messages", { body: activity });
    expect(anonymous.status).toBe(401);
    const entraToken = await t.call("POST", "/api/messages", { as: "principal@contoso.example", body: activity });
    expect(entraToken.status).toBe(401);
    const forged = await t.sandboxCall("POST", "/sandbox/connector/forged-message", { upn: "principal@contoso.example", text: "pending" });
    expect(forged.body.status).toBe(401);
  });
});
