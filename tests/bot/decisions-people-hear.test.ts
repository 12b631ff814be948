import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { CONTOSO_ORG, buildJoinRequest } from "../api/requests-factory.js";
import { FAST_OUTBOX, activityIn, cardFor, cardOf, cardText, cardsIn, chat, eventually, install } from "./connector-helpers.js";

const TUTOR = "tutor@contoso.example";
const PRINCIPAL = "principal@contoso.example";
const OFFICE = "office@contoso.example";

/** Decisions people hear about: the requester is told by the bot; no card keeps live buttons for a decided request. */
describe("decisions people hear about, in the bot", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ tuning: { outbox: FAST_OUTBOX } });
    await install(t, PRINCIPAL);
    await install(t, OFFICE);
  });
  afterAll(() => t?.close());

  it("an admin rejects from the card with a reason; the person, who has the bot, is told the reason and the date; every copy shows it", async () => {
    await install(t, TUTOR);
    const asked = await t.call("POST", "/api/me/join-request", { as: TUTOR });
    const requestId: string = asked.body.joinRequest.id;
    const officeCard = await cardFor(t, OFFICE, requestId);
    const principalCard = await cardFor(t, PRINCIPAL, requestId);

    // Teams merges the card's reason box into the data of the Reject inside its confirmation.
    const invoke = await t.sandboxCall("POST", "/sandbox/connector/invoke", {
      upn: OFFICE,
      activityId: officeCard.id,
      verb: "reject",
      data: { requestId, [`reason-${requestId}`]: "Please ask with your school account" },
    });
    expect(invoke.body.status).toBe(200);
    const answered = cardText(invoke.body.body.value);
    expect(answered).toContain("Rejected by Oscar Owens (Office)");
    expect(answered).toContain("Reason: Please ask with your school account");
    expect(answered).toContain("Can ask again from {{DATE(");
    expect(invoke.body.body.value.actions).toEqual([]);

    const request = await t.app.store.models.JoinRequest.findByPk(requestId, { raw: true });
    expect(request).toMatchObject({ status: "rejected", decisionReason: "Please ask with your school account", decisionChannel: "bot" });

    const told = await eventually(async () => {
      const message = (await chat(t, TUTOR)).find((a) => a.text?.includes("declined your request"));
      if (!message) throw new Error("the tutor has not been told yet");
      return message;
    });
    expect(told.text).toContain("Oscar Owens (Office) declined your request to join **Contoso High School**.");
    expect(told.text).toContain("Reason: Please ask with your school account");
    expect(told.text).toMatch(/You can ask again from \d{1,2} \w+ \d{4}\./);

    await eventually(async () => {
      const latest = await activityIn(t, PRINCIPAL, principalCard.id);
      expect(cardText(cardOf(latest))).toContain("Rejected by Oscar Owens (Office)");
      expect(cardOf(latest).actions).toEqual([]);
    });
  });

  it("an approval is sent to the person too, naming the students who joined with them", async () => {
    await t.app.store.models.JoinRequest.update({ canAskAgainAt: new Date(Date.now() - 1000) }, { where: { status: "rejected" } });
    const asked = await t.call("POST", "/api/me/join-request", { as: TUTOR });
    expect(asked.status).toBe(201);
    const approved = await t.call("POST", `/api/orgs/${CONTOSO_ORG}/requests/${asked.body.joinRequest.id}/approve`, { as: PRINCIPAL });
    expect(approved.status).toBe(200);
    const told = await eventually(async () => {
      const message = (await chat(t, TUTOR)).find((a) => a.text?.includes("approved your request"));
      if (!message) throw new Error("the tutor has not been told yet");
      return message;
    });
    expect(told.text).toBe("✅ Priya Patel (Principal) approved your request to join **Contoso High School**. You are now a member. Your 2 students joined with you.");
  });

  it("`pending` says how many wait; deciding one updates that list card too, and its refresh shows the decision", async () => {
    const first = await buildJoinRequest(t, { displayName: "Lara List" });
    const second = await buildJoinRequest(t, { displayName: "Milo List" });
    // Let the outbox deliver the new-request cards first, so the list is the latest message.
    await cardFor(t, PRINCIPAL, first.requestId);
    await cardFor(t, PRINCIPAL, second.requestId);
    await t.sandboxCall("POST", "/sandbox/connector/message", { upn: PRINCIPAL, text: "pending" });
    const list = await eventually(async () => {
      const found = cardsIn(await chat(t, PRINCIPAL)).filter((a) => cardOf(a).body[0].text === "2 waiting to join Contoso High School");
      if (found.length !== 1) throw new Error("no pending list card yet");
      return found[0]!;
    });
    expect(cardOf(list).refresh.action).toMatchObject({ verb: "refresh", data: { requestIds: expect.arrayContaining([first.requestId, second.requestId]) } });

    await t.call("POST", `/api/orgs/${CONTOSO_ORG}/requests/${first.requestId}/reject`, { as: OFFICE, body: { reason: "Duplicate account" } });
    await eventually(async () => {
      const latest = cardOf(await activityIn(t, PRINCIPAL, list.id));
      expect(latest.body[0].text).toBe("1 waiting to join Contoso High School");
      expect(cardText(latest)).toContain("Rejected by Oscar Owens (Office) · Reason: Duplicate account");
      // Milo's row still has its buttons; Lara's has none.
      expect(cardText(latest).match(/"verb":"approve","style"/g)).toHaveLength(1);
    });
    // The single card the outbox sent earlier is updated as well: every copy, not only the newest.
    await eventually(async () => expect(cardText(cardOf(await activityIn(t, PRINCIPAL, (await cardFor(t, PRINCIPAL, first.requestId)).id)))).toContain("Rejected by"));

    const refreshed = await t.sandboxCall("POST", "/sandbox/connector/invoke", { upn: PRINCIPAL, activityId: list.id, verb: "refresh", data: { requestIds: [first.requestId, second.requestId] } });
    expect(refreshed.body.status).toBe(200);
    expect(refreshed.body.body.value.body[0].text).toBe("1 waiting to join Contoso High School");
    expect(cardText(refreshed.body.body.value)).toContain("Rejected by Oscar Owens (Office)");
  });

  it("a card's refresh by someone who is not an admin of the organization shows nothing", async () => {
    const { requestId } = await buildJoinRequest(t, { displayName: "Iris Private" });
    const card = await cardFor(t, PRINCIPAL, requestId);
    await install(t, "owner@northwind.example");
    // The sandbox only lets a persona act on activities in their own chat; a forged refresh comes from the owner's chat.
    const ownerChat = await chat(t, "owner@northwind.example");
    const answer = await t.sandboxCall("POST", "/sandbox/connector/invoke", { upn: "owner@northwind.example", activityId: ownerChat[0]!.id, verb: "refresh", data: { requestIds: [requestId] } });
    expect(answer.body.status).toBe(200);
    expect(JSON.stringify(answer.body.body)).not.toContain("Iris Private");
    expect(JSON.stringify(answer.body.body)).toContain("Only an admin");
    expect(card.id).toBeTruthy();
  });
});
