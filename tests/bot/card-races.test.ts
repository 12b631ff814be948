import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { DATABASE_KINDS } from "../helpers/databases.js";
import { CONTOSO_ORG, auditActions, buildJoinRequest } from "../api/requests-factory.js";
import { FAST_OUTBOX, cardFor, cardText, install } from "./connector-helpers.js";

const invoke = (t: TestApp, upn: string, activityId: string, verb: string, requestId: string) =>
  t.sandboxCall("POST", "/sandbox/connector/invoke", { upn, activityId, verb, data: { requestId } });

describe.each(DATABASE_KINDS)("two admins deciding at once (%s)", (database) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ database, tuning: { outbox: FAST_OUTBOX } });
    await install(t, "principal@contoso.example");
    await install(t, "office@contoso.example");
  });
  afterAll(() => t?.close());

  const decisions = async (requestId: string) => (await auditActions(t, requestId)).filter((a) => a !== "request.created");

  it("tab approval against card approval: one decision, one audit entry, the loser told who decided", async () => {
    const { requestId } = await buildJoinRequest(t, { displayName: "Tia Tabcard" });
    const card = await cardFor(t, "office@contoso.example", requestId);
    const [tab, bot] = await Promise.all([
      t.call("POST", `/api/orgs/${CONTOSO_ORG}/requests/${requestId}/approve`, { as: "principal@contoso.example" }),
      invoke(t, "office@contoso.example", card.id, "approve", requestId),
    ]);
    expect(await decisions(requestId)).toHaveLength(1);
    const botText = cardText(bot.body.body.value);
    if (tab.status === 200) {
      expect(botText).toContain("Already approved by Priya Patel (Principal)");
    } else {
      expect(tab.status).toBe(409);
      expect(tab.body).toMatchObject({ code: "request_already_decided", decidedBy: { name: "Oscar Owens (Office)" } });
      expect(botText).toContain("Approved by Oscar Owens (Office)");
    }
  });

  it("approve against reject from two cards: the first wins and the other card says so", async () => {
    const { requestId } = await buildJoinRequest(t, { displayName: "Abe Against" });
    const [principalCard, officeCard] = await Promise.all([cardFor(t, "principal@contoso.example", requestId), cardFor(t, "office@contoso.example", requestId)]);
    const [approve, reject] = await Promise.all([
      invoke(t, "principal@contoso.example", principalCard.id, "approve", requestId),
      invoke(t, "office@contoso.example", officeCard.id, "reject", requestId),
    ]);
    expect(await decisions(requestId)).toHaveLength(1);
    const texts = [cardText(approve.body.body.value), cardText(reject.body.body.value)];
    expect(texts.filter((text) => text.includes("Already")).length).toBe(1);
  });

  it("the same invoke twice decides once; the second hears who already approved", async () => {
    const { requestId } = await buildJoinRequest(t, { displayName: "Dee Double" });
    const card = await cardFor(t, "principal@contoso.example", requestId);
    const [first, second] = await Promise.all([
      invoke(t, "principal@contoso.example", card.id, "approve", requestId),
      invoke(t, "principal@contoso.example", card.id, "approve", requestId),
    ]);
    expect(await decisions(requestId)).toEqual(["request.approved"]);
    const texts = [cardText(first.body.body.value), cardText(second.body.body.value)];
    expect(texts.filter((text) => text.includes("Already approved by Priya Patel (Principal)")).length).toBe(1);
    const memberships = await t.app.store.models.Membership.count({ where: { organizationId: CONTOSO_ORG, joinedVia: "request" } });
    expect(memberships).toBeGreaterThanOrEqual(1);
  });
});
