import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { CONTOSO_ORG, auditActions, buildJoinRequest, membershipOf, personaUserId } from "../api/requests-factory.js";
import { FAST_OUTBOX, activityIn, cardFor, cardOf, cardText, eventually, install } from "./connector-helpers.js";

describe("approving from the bot's card", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ tuning: { outbox: FAST_OUTBOX } });
  });
  afterAll(() => t?.close());

  it("two admins install the bot, an existing teacher asks to join, one approves from the card, and both cards show who approved", async () => {
    await install(t, "principal@contoso.example");
    await install(t, "office@contoso.example");
    expect(await t.app.store.models.ConversationRef.count()).toBe(2);

    const asked = await t.call("POST", "/api/me/join-request", { as: "tutor@contoso.example" });
    expect(asked.status).toBe(201);
    const requestId: string = asked.body.joinRequest.id;

    const principalCard = await cardFor(t, "principal@contoso.example", requestId);
    const officeCard = await cardFor(t, "office@contoso.example", requestId);
    const card = cardOf(principalCard);
    expect(card.version).toBe("1.5");
    // Approve at once; Reject first asks for confirmation and an optional reason.
    const [approve, reject] = card.actions;
    expect([approve.type, approve.verb, approve.data, approve.fallback.type]).toEqual(["Action.Execute", "approve", { requestId }, "Action.Submit"]);
    expect(reject.type).toBe("Action.ShowCard");
    expect(reject.card.body.map((b: any) => b.type)).toEqual(["TextBlock", "Input.Text"]);
    expect(reject.card.actions.map((a: any) => [a.type, a.verb, a.data, a.fallback.type])).toEqual([["Action.Execute", "reject", { requestId }, "Action.Submit"]]);
    expect(card.refresh.action).toMatchObject({ type: "Action.Execute", verb: "refresh", data: { requestIds: [requestId] } });
    expect(cardText(card)).toContain("Tara Tan asks to join Contoso High School");
    expect(cardText(card)).toContain("Students who will follow");

    const started = Date.now();
    const invoke = await t.sandboxCall("POST", "/sandbox/connector/invoke", { upn: "office@contoso.example", activityId: officeCard.id, verb: "approve", data: { requestId } });
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(invoke.body.status).toBe(200);
    expect(invoke.body.body.type).toBe("application/vnd.microsoft.card.adaptive");
    expect(cardText(invoke.body.body.value)).toContain("Approved by Oscar Owens (Office)");
    expect(invoke.body.body.value.actions).toEqual([]);

    for (const upn of ["tutor@contoso.example", "pupil1@contoso.example", "pupil2@contoso.example"]) {
      expect(await membershipOf(t, personaUserId(t, upn))).toMatchObject({ organizationId: CONTOSO_ORG, joinedVia: "request" });
    }
    const pupil = await t.app.store.models.User.findByPk(personaUserId(t, "pupil1@contoso.example"), { raw: true });
    expect(pupil?.accountType).toBe("student");

    for (const upn of ["principal@contoso.example", "office@contoso.example"]) {
      await eventually(async () => {
        const latest = await activityIn(t, upn, (upn.startsWith("office") ? officeCard : principalCard).id);
        expect(cardText(cardOf(latest))).toContain("Approved by Oscar Owens (Office)");
      });
    }
    const audit = await t.app.store.models.AuditEvent.findOne({ where: { targetId: requestId, action: "request.approved" }, raw: true });
    expect(audit).toMatchObject({ channel: "bot", actorName: "Oscar Owens (Office)" });
    expect(await auditActions(t, requestId)).toEqual(["request.created", "request.approved"]);
  });

  it("answers `help` and lists pending requests as a card for `pending`", async () => {
    await install(t, "principal@contoso.example");
    const help = await t.sandboxCall("POST", "/sandbox/connector/message", { upn: "principal@contoso.example", text: "help" });
    expect(help.body.status).toBe(200);
    await buildJoinRequest(t, { displayName: "Petra Pending" });
    const pending = await t.sandboxCall("POST", "/sandbox/connector/message", { upn: "principal@contoso.example", text: "pending" });
    expect(pending.body.status).toBe(200);
    const chatLog = (await t.sandboxCall("GET", "/sandbox/connector/conversations/principal@contoso.example")).body.activities as any[];
    expect(chatLog.some((a) => a.text?.includes("**pending**"))).toBe(true);
    expect(chatLog.some((a) => JSON.stringify(a.attachments ?? []).includes("waiting to join Contoso High School"))).toBe(true);
  });
});
