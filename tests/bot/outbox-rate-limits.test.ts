import { afterAll, describe, expect, it } from "vitest";
import { SANDBOX_BOT_ID, SANDBOX_BOT_SECRET, SANDBOX_BOT_TENANT_ID } from "../../sandbox/index.js";
import { ConnectorRateLimits } from "../../sandbox/connector/rate-limits.js";
import { ChannelRateLimiter } from "../../bot/outbox/rate-limiter.js";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { DATABASE_KINDS } from "../helpers/databases.js";
import { requestTrusting } from "../helpers/sandbox-https.js";
import { CONTOSO_ORG, CONTOSO_TID, buildJoinRequest, personaUserId } from "../api/requests-factory.js";
import { FAST_OUTBOX, chat, eventually, install } from "./connector-helpers.js";

/** Teams' limits as the sandbox enforces them, with a clock the test moves. */
describe("the sandbox connector's rate limits (Teams: per thread 7/1 s, 8/2 s, 60/30 s; 50/s per app per tenant)", () => {
  it("admits 50 calls a second per tenant across conversations and refuses the 51st with a Retry-After", () => {
    let now = 10_000;
    const limits = new ConnectorRateLimits(() => now);
    const answers = Array.from({ length: 60 }, (_, i) => limits.admit("tenant-a", `conversation-${i % 20}`));
    expect(answers.filter((a) => a.ok)).toHaveLength(50);
    expect(answers.slice(50)).toEqual(Array.from({ length: 10 }, () => ({ ok: false, retryAfterSeconds: 1 })));
    // Another tenant has its own 50.
    expect(limits.admit("tenant-b", "conversation-b").ok).toBe(true);
    now += 1_000;
    expect(limits.admit("tenant-a", "conversation-0").ok).toBe(true);
    expect(limits.traffic().find((t) => t.tid === "tenant-a")).toMatchObject({ accepted: 51, throttled: 10, maxPerSecond: 50 });
  });

  it("holds one conversation to 7 a second, 8 in two seconds and 60 in thirty", () => {
    let now = 0;
    const limits = new ConnectorRateLimits(() => now);
    const send = () => limits.admit("t", "c").ok;
    expect(Array.from({ length: 8 }, send)).toEqual([true, true, true, true, true, true, true, false]);
    now = 1_001;
    expect([send(), send()]).toEqual([true, false]); // the 2-second window has its 8
    let accepted = 8;
    for (now = 2_002; now < 29_000; now += 250) if (send()) accepted += 1;
    expect(accepted).toBe(60); // 4 a second would be 108 by now: the 30-second window stops it at 60
    const refused = limits.admit("t", "c");
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.retryAfterSeconds).toBeGreaterThanOrEqual(1);
  });
});

describe("the outbox's pacing (slots it reserves, against a clock the test moves)", () => {
  const countIn = (times: number[], from: number, ms: number) => times.filter((t) => t >= from && t < from + ms).length;
  const busiest = (times: number[], ms: number) => Math.max(...times.map((t) => countIn(times, t, ms)));

  it("keeps a tenant at 47 in any second, even after a pause, and close to 47 a second overall", () => {
    let now = 0;
    const limiter = new ChannelRateLimiter({ perTenantPerSecond: 47 }, () => now);
    const slots: number[] = [];
    for (let i = 0; i < 300; i++) {
      if (i === 150) now = slots[slots.length - 1]! + 120; // a pause between two batches
      slots.push(limiter.reserve("t", `conversation-${i}`));
    }
    expect(busiest(slots, 1_000)).toBeLessThanOrEqual(47);
    const sorted = [...slots].sort((a, b) => a - b);
    expect(Math.min(...sorted.slice(1).map((t, i) => t - sorted[i]!))).toBeGreaterThanOrEqual(1000 / 60 - 1e-9);
    expect((sorted.length - 1) / ((sorted[sorted.length - 1]! - sorted[0]!) / 1000)).toBeGreaterThanOrEqual(45);
  });

  it("keeps one conversation inside Teams' thread windows, without holding up the tenant's others", () => {
    const limiter = new ChannelRateLimiter({ perTenantPerSecond: 47 }, () => 0);
    const busy = Array.from({ length: 70 }, () => limiter.reserve("t", "busy"));
    expect(busiest(busy, 1_000)).toBeLessThanOrEqual(7);
    expect(busiest(busy, 2_000)).toBeLessThanOrEqual(8);
    expect(busiest(busy, 30_000)).toBeLessThanOrEqual(60);
    // Another conversation of the tenant goes at once, not after the busy one's 70th.
    expect(limiter.reserve("t", "other")).toBeLessThan(1_000);
  });

  it("with a pace shared between instances, a send goes at the shared slot and its conversation's windows count from there", async () => {
    let now = 0;
    let first = true;
    // The first reservation comes back 500 ms on (the tenant was busy on other instances); the rest are due at once.
    const limiter = new ChannelRateLimiter({ perTenantPerSecond: 47 }, () => now, async () => {
      if (first) now += 500;
      first = false;
      return 0;
    });
    for (let i = 0; i < 7; i++) await limiter.acquire("t", "c");
    // Seven in the thread's one-second window since 500 (where the first really went), not since 0.
    expect(limiter.reserve("t", "c")).toBeGreaterThanOrEqual(500 + 1_000);
  });

  it("with a pace shared between instances, asks for at most two of a tenant's slots at once", async () => {
    let running = 0;
    let most = 0;
    const limiter = new ChannelRateLimiter({ perTenantPerSecond: 47 }, () => 0, async () => {
      most = Math.max(most, ++running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running -= 1;
      return 0;
    });
    await Promise.all(Array.from({ length: 10 }, (_, i) => limiter.acquire("t", `conversation-${i}`)));
    expect(most).toBe(2);
  });

  it("after a 429 sends nothing to that conversation or tenant before Retry-After", () => {
    const limiter = new ChannelRateLimiter({ perTenantPerSecond: 47 }, () => 5_000);
    limiter.holdOff("t", "c", 2_000);
    expect(limiter.reserve("t", "c")).toBeGreaterThanOrEqual(7_000);
    expect(limiter.reserve("t", "d")).toBeGreaterThanOrEqual(7_000);
  });
});

describe.each(DATABASE_KINDS)("the outbox against Teams' limits (%s)", (database) => {
  const running: TestApp[] = [];
  afterAll(async () => {
    for (const t of running.reverse()) await t.close();
  });

  const botToken = async (t: TestApp) => {
    const form = new URLSearchParams({ grant_type: "client_credentials", client_id: SANDBOX_BOT_ID, client_secret: SANDBOX_BOT_SECRET, scope: "https://api.botframework.com/.default" });
    const answer = await requestTrusting(t.sandbox.caCertPem, `${t.sandbox.httpsUrl}/${SANDBOX_BOT_TENANT_ID}/oauth2/v2.0/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: form.toString(),
    });
    return answer.json<{ access_token: string }>().access_token;
  };
  const traffic = async (t: TestApp) => {
    const answer = await t.sandboxCall("GET", "/sandbox/connector/traffic");
    return (answer.body.tenants as Array<{ tid: string; accepted: number; throttled: number; maxPerSecond: number }>).find((x) => x.tid === CONTOSO_TID);
  };

  it("the connector answers a bot over the thread limit 429 Throttled with Retry-After, as Teams does", async () => {
    const t = await startTestApp({ database, tuning: { outbox: { ...FAST_OUTBOX, enabled: false } } });
    running.push(t);
    const conversationId = await install(t, "tutor@contoso.example");
    const headers = { authorization: `Bearer ${await botToken(t)}`, "content-type": "application/json" };
    const answers = [];
    for (let i = 0; i < 9; i++) {
      answers.push(
        await requestTrusting(t.sandbox.caCertPem, `${t.sandbox.httpUrl}/connector/v3/conversations/${encodeURIComponent(conversationId)}/activities`, {
          method: "POST",
          headers,
          body: JSON.stringify({ type: "message", text: `hello ${i}` }),
        }),
      );
    }
    const refused = answers.filter((a) => a.status === 429);
    // At most 7 in a second (installing may already have sent the bot's welcome on this thread).
    expect(answers[0]!.status).toBe(201);
    expect(answers.filter((a) => a.status === 201).length).toBeLessThanOrEqual(7);
    expect(refused.length).toBe(answers.length - answers.filter((a) => a.status === 201).length);
    for (const answer of refused) {
      expect(answer.json()).toEqual({ error: { code: "Throttled", message: "Too many requests." } });
      expect(Number(answer.headers["retry-after"])).toBeGreaterThanOrEqual(1);
    }
    // A refused call delivers nothing.
    expect((await chat(t, "tutor@contoso.example")).filter((a) => a.text?.startsWith("hello"))).toHaveLength(answers.length - refused.length);
    expect(await traffic(t)).toMatchObject({ throttled: refused.length });
  });

  /**
   * Ten declines for each of three people, decided while no worker runs, then one worker claims all thirty
   * in one batch and sends them 16 at a time. Unpaced, the connector must refuse some (8 per 2 s per conversation); paced, it may not need to.
   * Either way every person hears each decline exactly once.
   */
  const declines = async (pace: boolean) => {
    const idle = await startTestApp({ database, tuning: { outbox: { ...FAST_OUTBOX, enabled: false } } });
    running.push(idle);
    const people = ["tutor@contoso.example", "pupil1@contoso.example", "pupil2@contoso.example"];
    for (const upn of people) await install(idle, upn);
    for (let round = 0; round < 10; round++) {
      const requests = await Promise.all(people.map((upn) => buildJoinRequest(idle, { userId: personaUserId(idle, upn) })));
      const answer = await idle.call("POST", `/api/orgs/${CONTOSO_ORG}/requests/decisions`, {
        as: "principal@contoso.example",
        body: { decisions: requests.map((r) => ({ id: r.requestId, decision: "reject", reason: `round ${round}` })) },
      });
      expect(answer.body.results.every((r: { ok: boolean }) => r.ok)).toBe(true);
    }
    const worker = await startTestApp({ database, sharedDatabase: idle.database, sharedSandbox: idle.sandbox, tuning: { outbox: { ...FAST_OUTBOX, pace, concurrency: 16, batchSize: 200 } } });
    running.push(worker);
    const { Outbox } = worker.app.store.models;
    await eventually(async () => expect(await Outbox.count({ where: { kind: "join_request.requester_told", status: "sent" } })).toBe(30), 60_000);
    for (const upn of people) {
      const told = (await chat(worker, upn)).filter((a) => a.text?.includes("declined your request"));
      // None lost, none twice: each round's reason exactly once.
      expect(told.map((a) => a.text!.match(/round (\d+)/)![1]).sort((a, b) => Number(a) - Number(b))).toEqual(Array.from({ length: 10 }, (_, i) => String(i)));
    }
    expect(await Outbox.count({ where: { kind: "join_request.requester_told", status: ["pending", "failed"] } })).toBe(0);
    return { seen: (await traffic(worker))!, retried: await Outbox.findAll({ where: { kind: "join_request.requester_told" }, attributes: ["attempts", "lastError"], raw: true }) };
  };

  it("driven past the limits, the outbox honours the 429s and loses and repeats nothing", async () => {
    const { seen, retried } = await declines(false);
    expect(seen.throttled).toBeGreaterThan(0);
    expect(seen.maxPerSecond).toBeLessThanOrEqual(50);
    // The Bot Framework client waits out Retry-After itself (up to 3 times); a row that still met a 429
    // was rescheduled by the outbox no sooner than Retry-After (retry-policy.ts), and was sent in the end.
    for (const row of retried.filter((r) => r.attempts > 0)) expect(row.lastError).toMatch(/^429: /);
  });

  it("paced, the outbox keeps each tenant within 50 a second and delivers everything once", async () => {
    const { seen } = await declines(true);
    expect(seen.accepted).toBeGreaterThanOrEqual(30);
    expect(seen.maxPerSecond).toBeLessThanOrEqual(50);
  });
});
