import { afterAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { DATABASE_KINDS } from "../helpers/databases.js";
import { buildJoinRequest } from "../api/requests-factory.js";
import { FAST_OUTBOX, cardFor, cardOf, cardText, cardsIn, chat, eventually, install } from "./connector-helpers.js";
import { retryDelayMs } from "../../bot/outbox/retry-policy.js";

describe.each(DATABASE_KINDS)("the outbox (%s)", (database) => {
  const running: TestApp[] = [];
  afterAll(async () => {
    for (const t of running.reverse()) await t.close();
  });

  it("a connector answering 429 delays a card but does not lose it", async () => {
    const t = await startTestApp({ database, tuning: { outbox: FAST_OUTBOX } });
    running.push(t);
    await install(t, "principal@contoso.example");
    // More 429s than the HTTP client retries by itself, so the outbox has to reschedule.
    await t.sandboxCall("PUT", "/sandbox/connector/faults", { status: 429, count: 6, retryAfterSeconds: 0 });
    const { requestId } = await buildJoinRequest(t, { displayName: "Rae Retry" });
    await cardFor(t, "principal@contoso.example", requestId);
    // The card shows up a moment before its row is marked sent.
    const row = await eventually(async () => {
      const found = await t.app.store.models.Outbox.findOne({ where: { dedupeKey: `card.send:${requestId}:c0a70500-0000-4000-8000-000000000001:c0a70500-a000-4000-8000-000000000001` }, raw: true });
      expect(found).toMatchObject({ status: "sent" });
      return found;
    });
    expect(row!.attempts).toBeGreaterThanOrEqual(1);
    expect(row!.lastError).toMatch(/^429/);
    expect(cardsIn(await chat(t, "principal@contoso.example")).filter((a) => cardText(cardOf(a)).includes(requestId))).toHaveLength(1);
  });

  it("60 requests in a burst reach each admin as one digest card", async () => {
    const t = await startTestApp({ database, tuning: { outbox: { ...FAST_OUTBOX, burstWindowMs: 2_000 } } });
    running.push(t);
    await install(t, "principal@contoso.example");
    await install(t, "office@contoso.example");
    await Promise.all(Array.from({ length: 60 }, (_, i) => buildJoinRequest(t, { displayName: `Burst ${i}` })));
    for (const upn of ["principal@contoso.example", "office@contoso.example"]) {
      const cards = await eventually(async () => {
        const found = cardsIn(await chat(t, upn));
        expect(found.length).toBeGreaterThan(0);
        return found;
      });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(cardsIn(await chat(t, upn))).toHaveLength(1);
      expect(cardOf(cards[0]!).body[0].text).toBe("60 waiting to join Contoso High School");
    }
    await eventually(async () => expect(await t.app.store.models.CardDelivery.count({ where: { cardKind: "digest" } })).toBe(120));
  });

  it("a restart loses nothing and sends nothing twice; a crashed claim is picked up again", async () => {
    const idle = await startTestApp({ database, tuning: { outbox: { ...FAST_OUTBOX, enabled: false } } });
    running.push(idle);
    const shared = { sharedDatabase: idle.database, sharedSandbox: idle.sandbox };
    const first = await startTestApp({ database, ...shared, tuning: { outbox: FAST_OUTBOX } });
    await install(first, "principal@contoso.example");
    await first.sandboxCall("PUT", "/sandbox/connector/faults", { status: 502, count: 1000 });
    const requests = [await buildJoinRequest(first, { displayName: "Ray Restart" }), await buildJoinRequest(first, { displayName: "Rio Restart" })];
    await eventually(async () => expect(await first.app.store.models.Outbox.count({ where: { kind: "card.send" } })).toBe(2));
    await first.close();
    // A worker that died holding a claim: its lease has run out, so the row is due again.
    const crashed = await buildJoinRequest(idle, { displayName: "Cass Crash" });
    await idle.app.store.models.Outbox.update({ claimedBy: "dead-worker", claimedUntil: new Date(Date.now() - 1_000) }, { where: { dedupeKey: `join_request.created:${crashed.requestId}` } });
    await idle.sandboxCall("PUT", "/sandbox/connector/faults", { status: 502, count: 0 });

    const second = await startTestApp({ database, ...shared, tuning: { outbox: FAST_OUTBOX } });
    running.push(second);
    for (const { requestId } of [...requests, crashed]) await cardFor(second, "principal@contoso.example", requestId);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const cards = cardsIn(await chat(second, "principal@contoso.example"));
    for (const { requestId } of [...requests, crashed]) {
      expect(cards.filter((a) => cardText(cardOf(a)).includes(requestId))).toHaveLength(1);
    }
    await eventually(async () => expect(await second.app.store.models.Outbox.count({ where: { status: "pending" } })).toBe(0));
  });
});

describe("retry timing", () => {
  it("backs off exponentially with jitter, never sooner than Retry-After", () => {
    const base = { baseMs: 1_000, maxMs: 60_000 };
    expect(retryDelayMs({ ...base, attempts: 0, random: () => 0 })).toBe(500);
    expect(retryDelayMs({ ...base, attempts: 3, random: () => 1 })).toBe(8_000);
    expect(retryDelayMs({ ...base, attempts: 20, random: () => 1 })).toBe(60_000);
    expect(retryDelayMs({ ...base, attempts: 0, retryAfterMs: 7_000, random: () => 0.5 })).toBe(7_000);
  });
});
