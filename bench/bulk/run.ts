/**
 * `npm run bench:bulk` (issue 13, P4). A generated district (`sandbox/cli.ts`, its own process) and RosterLink
 * (`main.ts`, its own process) on a throwaway PostgreSQL database; this process plays the tab and the people.
 *
 * Setup (not measured, written in bulk): 1,000 pending requests, a third of them teachers with a teacher
 * subscription of two students; ADMINS org admins and half the requesters have the bot installed; every
 * admin has received their digest card through the outbox.
 * 1. Decisions: all approved through `POST /api/orgs/:orgId/requests/decisions`, 100 per call, one call after
 *    another as the tab sends them. Goal ≤ 2 s; then every requester and student is a member once.
 * 2. Outbox: the worker updates every admin's card and tells each requester with the bot, through the sandbox
 *    connector, which enforces Teams' limits (sandbox/connector/rate-limits.ts). Measured by the connector:
 *    messages/s for the tenant (goal ≥ 45), the busiest second (never above 50), 429s; then checked: none
 *    lost, none twice.
 * BENCH_REQUESTS (1000), BENCH_ADMINS (5), BENCH_INSTALLED (half the requests), BENCH_DATABASE_URL
 * (postgres://postgres@127.0.0.1:5432/test; a throwaway database is made beside it).
 */
import { randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { Op } from "sequelize";
import { createLogger } from "../../api/log.js";
import { stableId } from "../../api/domain/seed.js";
import { openStore } from "../../api/store/store.js";
import { districtTid, generatePopulation } from "../../sandbox/fixtures/index.js";
import { requestTrusting } from "../../tests/helpers/sandbox-https.js";
import { startProcess, type Started } from "../lib/processes.js";
import { machineLoad, recordRow, stamp } from "../lib/results.js";

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 1000);
const ADMINS = Number(process.env.BENCH_ADMINS ?? 5);
const INSTALLED = Number(process.env.BENCH_INSTALLED ?? Math.ceil(REQUESTS / 2));
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const PER_CALL = 100;
const DAY = 24 * 60 * 60 * 1000;
const TID = districtTid(1);
const TEACHERS = Math.ceil(REQUESTS / 3);
const STUDENTS = REQUESTS - TEACHERS;

interface Traffic { tid: string; accepted: number; throttled: number; maxPerSecond: number; perSecond: number; firstAt: string | null; lastAt: string | null }

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** CPU seconds a process has used (user + system, Linux /proc): what the app spent, beside the wall clock. */
function cpuSeconds(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

async function withAdmin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Runs `work` over `items` with `concurrency` in flight, starting at most `perSecond` a second. */
async function paced<T>(items: T[], concurrency: number, perSecond: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const started = performance.now();
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      const due = started + (i * 1000) / perSecond - performance.now();
      if (due > 0) await sleep(due);
      await work(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
}

async function until(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), "rosterlink-bulk-"));
  const dbName = `rl_bench_${randomBytes(4).toString("hex")}`;
  await withAdmin(`CREATE DATABASE ${dbName}`);
  const dbUrl = new URL(ADMIN_URL);
  dbUrl.pathname = `/${dbName}`;
  const started: Started[] = [];
  let store: Awaited<ReturnType<typeof openStore>> | undefined;
  try {
    // People: the requesters' teachers and students, the teachers' following students, the extra admins.
    const population = { districts: 1, teachers: TEACHERS + ADMINS - 1, students: STUDENTS + 2 * TEACHERS };
    const sandbox = await startProcess(
      "sandbox/cli.ts",
      ["--port", "0", "--data-dir", join(work, "sandbox"), "--districts", "1", "--teachers", String(population.teachers), "--students", String(population.students)],
      { ready: /SANDBOX_URL=(https:\/\/\S+)/ },
    );
    started.push(sandbox);
    const app = await startProcess("main.ts", [], {
      env: { LOG_LEVEL: "warn", PORT: "0", DATABASE_URL: dbUrl.toString(), SANDBOX_URL: sandbox.match, DATA_DIR: join(work, "app") },
      ready: /\(app: (http:\/\/[^\s)]+)\)/,
    });
    started.push(app);
    const sandboxHttp = sandbox.match.replace("https:", "http:");
    const caCertPem = await (await fetch(`${sandboxHttp}/sandbox/certificate`)).text();
    const sandboxCall = async (method: string, path: string, body?: unknown) => {
      const answer = await requestTrusting(caCertPem, `${sandbox.match}${path}`, { method, headers: { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
      if (answer.status >= 300) throw new Error(`sandbox ${method} ${path}: ${answer.status} ${answer.text.slice(0, 200)}`);
      return answer.json<any>();
    };

    // The same people the sandbox generated (same seed).
    const { people, admins: [districtAdmin] } = generatePopulation(population);
    const teachers = people.filter((p) => p.upn.startsWith("t"));
    const students = people.filter((p) => p.upn.startsWith("s"));
    const requesterTeachers = teachers.slice(0, TEACHERS);
    const extraAdmins = teachers.slice(TEACHERS, TEACHERS + ADMINS - 1);
    const requesterStudents = students.slice(0, STUDENTS);
    const followers = students.slice(STUDENTS, STUDENTS + 2 * TEACHERS);
    const requesters = [...requesterTeachers, ...requesterStudents];

    store = await openStore({ dialect: "postgres", url: dbUrl.toString() }, createLogger("warn"));
    const { User, JoinRequest, TeacherSubscription, SubscriptionStudent, Membership, Outbox, CardDelivery } = store.models;
    const organizationId = stableId(`org:${TID}`);
    const userId = new Map<string, string>();
    const user = (p: (typeof people)[number], accountType: "teacher" | "student") => {
      const id = randomUUID();
      userId.set(p.upn, id);
      return { id, tid: p.tid, oid: p.oid, displayName: p.displayName, email: p.upn, accountType, accountTypeSource: "user_choice" as const };
    };
    await store.transaction(async (transaction) => {
      await User.bulkCreate([...requesterTeachers.map((p) => user(p, "teacher")), ...extraAdmins.map((p) => user(p, "teacher")), ...[...requesterStudents, ...followers].map((p) => user(p, "student"))], { transaction });
      await Membership.bulkCreate(extraAdmins.map((p) => ({ organizationId, userId: userId.get(p.upn)!, isAdmin: true, joinedVia: "auto" })), { transaction });
      const subscriptions = requesterTeachers.map((t) => ({ id: randomUUID(), teacherUserId: userId.get(t.upn)! }));
      await TeacherSubscription.bulkCreate(subscriptions, { transaction });
      await SubscriptionStudent.bulkCreate(
        subscriptions.flatMap((s, i) => [followers[2 * i]!, followers[2 * i + 1]!].map((st) => ({ id: randomUUID(), subscriptionId: s.id, studentUserId: userId.get(st.upn)! }))),
        { transaction },
      );
      await JoinRequest.bulkCreate(
        requesters.map((r, i) => ({ organizationId, userId: userId.get(r.upn)!, status: "pending" as const, detectedAccountType: i < TEACHERS ? ("teacher" as const) : ("student" as const), expiresAt: new Date(Date.now() + 30 * DAY) })),
        { transaction },
      );
    });
    const ids = (await JoinRequest.findAll({ where: { organizationId, status: "pending" }, attributes: ["id"], raw: true })).map((r) => r.id);

    // The bot installed for the admins and half the requesters; installing makes the bot say hello, which
    // counts against the tenant's 50/s as in Teams, so installs go at 40 a second.
    const adminUpns = [districtAdmin!.upn, ...extraAdmins.map((p) => p.upn)];
    const installed = requesters.filter((_, i) => i % Math.max(1, Math.round(REQUESTS / INSTALLED)) === 0).slice(0, INSTALLED).map((p) => p.upn);
    process.stdout.write(`bench:bulk: setup — installing the bot for ${adminUpns.length} admins and ${installed.length} requesters…\n`);
    const conversationOf = new Map<string, string>();
    await paced([...adminUpns, ...installed], 8, 40, async (upn) => {
      const answer = await sandboxCall("POST", "/sandbox/connector/install", { upn });
      conversationOf.set(upn, answer.conversationId as string);
    });
    // Every admin's cards, as the fan-out writes them (one row per request per admin); the worker sends each
    // admin one digest.
    const adminConversations = adminUpns.map((upn) => ({ upn, conversationId: conversationOf.get(upn)!, admin: upn === districtAdmin!.upn ? districtAdmin! : extraAdmins.find((p) => p.upn === upn)! }));
    await Outbox.bulkCreate(
      adminConversations.flatMap(({ conversationId, admin }) =>
        ids.map((requestId) => ({ kind: "card.send", payload: { organizationId, requestId, tid: TID, oid: admin.oid }, status: "pending" as const, availableAt: new Date(), dedupeKey: `card.send:${requestId}:${TID}:${admin.oid}`, tid: TID, conversationId })),
      ),
    );
    await until("every admin's digest card", async () => (await Outbox.count({ where: { kind: "card.send", status: "pending" } })) === 0, 300_000);
    const deliveries = await CardDelivery.count({ where: { organizationId } });
    if (deliveries !== ids.length * adminUpns.length) throw new Error(`${deliveries} card deliveries, expected ${ids.length * adminUpns.length}`);
    // Let Teams' 1- and 2-second windows empty, then count from zero.
    await sleep(2_500);
    await sandboxCall("DELETE", "/sandbox/connector/traffic");

    const minted = await requestTrusting(caCertPem, `${sandbox.match}/sandbox/token`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ upn: districtAdmin!.upn }) });
    const headers = { authorization: `Bearer ${minted.json<{ access_token: string }>().access_token}`, "content-type": "application/json" };
    await fetch(`${app.match}/api/session`, { method: "POST", headers });

    // 1. Decisions, as the tab sends them: one call after another, each a page of the admin's selection.
    process.stdout.write(`bench:bulk: approving ${ids.length} requests (${TEACHERS} teachers bringing ${2 * TEACHERS} students) in calls of ${PER_CALL}, PostgreSQL (load ${machineLoad()})…\n`);
    const cpuAtStart = { app: cpuSeconds(app.child.pid), sandbox: cpuSeconds(sandbox.child.pid) };
    const decisionsStarted = performance.now();
    let refused = 0;
    for (let at = 0; at < ids.length; at += PER_CALL) {
      const decisions = ids.slice(at, at + PER_CALL).map((id) => ({ id, decision: "approve" }));
      const answer = await fetch(`${app.match}/api/orgs/${organizationId}/requests/decisions`, { method: "POST", headers, body: JSON.stringify({ decisions }) });
      const body = (await answer.json()) as { results?: Array<{ ok: boolean }> };
      if (answer.status !== 200 || !body.results) throw new Error(`decisions answered ${answer.status}: ${JSON.stringify(body).slice(0, 300)}`);
      refused += body.results.filter((r) => !r.ok).length;
    }
    const decideSeconds = (performance.now() - decisionsStarted) / 1000;
    const appCpuDeciding = cpuSeconds(app.child.pid) - cpuAtStart.app;
    // What the connector had accepted when the last decision answered: the outbox starts during the decisions,
    // in the same process, so its rate is given overall and after the decisions.
    const decisionsEnded = Date.now();
    const sentWhileDeciding = ((await sandboxCall("GET", "/sandbox/connector/traffic")).tenants as Traffic[]).find((t) => t.tid === TID)?.accepted ?? 0;
    const everyone = [...requesters, ...followers].map((p) => userId.get(p.upn)!);
    const members = await Membership.count({ where: { organizationId, userId: everyone } });
    const decided = refused === 0 && members === everyone.length ? `all ${everyone.length} joined once` : `${refused} refused, ${members}/${everyone.length} members: PROBLEM`;
    process.stdout.write(`bench:bulk: ${ids.length} decisions in ${decideSeconds.toFixed(2)} s; ${decided}. Waiting for the outbox…\n`);

    // 2. The outbox: until nothing of the decisions is waiting.
    const kinds = ["join_request.decided", "join_request.requester_told"];
    await until("the outbox to send the decisions", async () => (await Outbox.count({ where: { kind: kinds, status: "pending" } })) === 0, 600_000);
    const outboxSeconds = (performance.now() - decisionsStarted) / 1000;
    const cpu = { app: cpuSeconds(app.child.pid) - cpuAtStart.app, sandbox: cpuSeconds(sandbox.child.pid) - cpuAtStart.sandbox };
    const failed = await Outbox.count({ where: { kind: { [Op.in]: kinds }, status: "failed" } });
    const traffic = ((await sandboxCall("GET", "/sandbox/connector/traffic")).tenants as Traffic[]).find((t) => t.tid === TID);
    if (!traffic) throw new Error("the connector saw no traffic for the district");
    const afterSeconds = (new Date(traffic.lastAt!).getTime() - decisionsEnded) / 1000;
    const rateAfter = afterSeconds > 0 ? Math.round(((traffic.accepted - sentWhileDeciding) / afterSeconds) * 10) / 10 : 0;

    // None lost, none twice: each requester with the bot heard once; each admin still has one card, now decided.
    let lost = 0;
    let twice = 0;
    await paced(installed, 16, 10_000, async (upn) => {
      const { activities } = await sandboxCall("GET", `/sandbox/connector/conversations/${encodeURIComponent(upn)}`);
      const told = (activities as Array<{ text?: string }>).filter((a) => a.text?.includes("approved your request")).length;
      if (told === 0) lost += 1;
      if (told > 1) twice += 1;
    });
    for (const { upn } of adminConversations) {
      const { activities } = await sandboxCall("GET", `/sandbox/connector/conversations/${encodeURIComponent(upn)}`);
      const cards = (activities as Array<{ attachments?: unknown[] }>).filter((a) => a.attachments?.length);
      if (cards.length !== 1) twice += Math.max(0, cards.length - 1);
      if (cards.some((c) => JSON.stringify(c).includes('"verb":"approve"'))) lost += 1;
    }

    const rateOk = traffic.perSecond >= 45;
    const limitOk = traffic.maxPerSecond <= 50;
    const deliveryOk = lost === 0 && twice === 0 && failed === 0;
    const verdict = [
      decideSeconds <= 2 ? "decisions ok" : "decisions OVER 2 s",
      rateOk ? "rate ok" : "rate UNDER 45/s",
      limitOk ? "limit kept" : "limit EXCEEDED",
      deliveryOk ? "none lost or twice" : "DELIVERY PROBLEM",
    ].join(", ");
    process.stdout.write(
      `summary: ${ids.length} decisions in ${decideSeconds.toFixed(2)} s (${decided}; app CPU ${appCpuDeciding.toFixed(1)} s); outbox: ${traffic.accepted} messages at ${traffic.perSecond}/s for the tenant (${sentWhileDeciding} while the decisions ran, then ${rateAfter}/s), busiest second ${traffic.maxPerSecond}, ${traffic.throttled} × 429, ${lost} lost, ${twice} twice, ${failed} failed, all sent ${outboxSeconds.toFixed(1)} s after the first decision; CPU from the first decision to the last message: app ${cpu.app.toFixed(1)} s, sandbox ${cpu.sandbox.toFixed(1)} s (after the decisions: ${(((cpu.app - appCpuDeciding) / traffic.accepted) * 1000).toFixed(1)} ms of app CPU a message); ${verdict}\n`,
    );
    recordRow(
      "## bulk, decisions and the outbox (`npm run bench:bulk`)",
      [
        "A generated district (sandbox process) and RosterLink (its own process) on PostgreSQL. 1,000 pending requests, a third teachers",
        "with a subscription of two students, approved through `POST /api/orgs/:orgId/requests/decisions` in calls of 100, one after",
        "another, from the bench process. Then the outbox updates every admin's digest card (5 admins) and tells each requester with",
        "the bot (half of them) through the sandbox connector, which enforces Teams' limits. Goals: decisions ≤ 2 s; outbox ≥ 45",
        "messages/s for the tenant, never above 50 in any second, none lost or twice.",
      ],
      ["date", "node", "load", "requests", "members joined", "decide s", "messages", "msg/s (tenant)", "msg/s after decisions", "busiest second", "429s", "lost/twice/failed", "outbox s", "app/sandbox CPU s", "verdict"],
      `${stamp()} | ${process.version} | ${machineLoad()} | ${ids.length} | ${members} | ${decideSeconds.toFixed(2)} | ${traffic.accepted} | ${traffic.perSecond} | ${rateAfter} | ${traffic.maxPerSecond} | ${traffic.throttled} | ${lost}/${twice}/${failed} | ${outboxSeconds.toFixed(1)} | ${cpu.app.toFixed(1)}/${cpu.sandbox.toFixed(1)} | ${verdict}`,
    );
    if (!decided.startsWith("all") || !deliveryOk || !limitOk) process.exitCode = 1;
  } finally {
    await store?.close().catch(() => undefined);
    for (const process of started.reverse()) await process.stop();
    await withAdmin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => undefined);
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:bulk failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
