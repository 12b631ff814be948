/**
 * `npm run bench:bulk` (issue 13, P4, first half): 1,000 pending management requests for one school, a third
 * of them teachers with a teacher subscription whose two students follow, approved in bulk from the tab's
 * route (`POST /api/orgs/:orgId/requests/decisions`, 100 per call as the contract allows) on PostgreSQL.
 * Reports the time to decide all of them and checks every requester and student became a member once.
 * The outbox half (card updates at Teams' per-tenant rate) is not measured yet: see docs/scale.md.
 * BENCH_REQUESTS (1000), BENCH_DATABASE_URL (postgres://postgres@127.0.0.1:5432/test; a throwaway database).
 */
import { randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { startRosterLink } from "../../main.js";
import { stableId } from "../../api/domain/seed.js";
import { CONTOSO_TID } from "../../sandbox/fixtures/index.js";
import { requestTrusting } from "../../tests/helpers/sandbox-https.js";
import { machineLoad, recordRow, stamp } from "../lib/results.js";

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 1000);
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const PER_CALL = 100;
const DAY = 24 * 60 * 60 * 1000;

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), "rosterlink-bulk-"));
  const dbName = `rl_bench_${randomBytes(4).toString("hex")}`;
  await admin(`CREATE DATABASE ${dbName}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${dbName}`;
  const app = await startRosterLink({
    env: { LOG_LEVEL: "warn" },
    override: { port: 0, host: "127.0.0.1", sandboxPort: 0, dataDir, database: { dialect: "postgres", url: url.toString() } },
  });
  try {
    const { store } = app;
    const { User, JoinRequest, TeacherSubscription, SubscriptionStudent, Membership } = store.models;
    const organizationId = stableId(`org:${CONTOSO_TID}`);
    // Requests as POST /api/me/join-request leaves them; written in bulk because making them is not what is measured.
    const person = (i: number, accountType: "teacher" | "student") => ({
      id: randomUUID(), tid: CONTOSO_TID, oid: randomUUID(), displayName: `Bulk ${accountType} ${i}`, email: `bulk${i}@contoso.example`, accountType, accountTypeSource: "user_choice" as const,
    });
    const requesters = Array.from({ length: REQUESTS }, (_, i) => person(i, i % 3 === 0 ? "teacher" : "student"));
    const teachers = requesters.filter((r) => r.accountType === "teacher");
    const students = teachers.flatMap((_, i) => [person(100_000 + 2 * i, "student"), person(100_001 + 2 * i, "student")]);
    await store.transaction(async (transaction) => {
      await User.bulkCreate([...requesters, ...students], { transaction });
      const subscriptions = teachers.map((t) => ({ id: randomUUID(), teacherUserId: t.id }));
      await TeacherSubscription.bulkCreate(subscriptions, { transaction });
      await SubscriptionStudent.bulkCreate(
        subscriptions.flatMap((s, i) => [students[2 * i]!, students[2 * i + 1]!].map((st) => ({ id: randomUUID(), subscriptionId: s.id, studentUserId: st.id }))),
        { transaction },
      );
      await JoinRequest.bulkCreate(
        requesters.map((r) => ({ organizationId, userId: r.id, status: "pending" as const, detectedAccountType: r.accountType, expiresAt: new Date(Date.now() + 30 * DAY) })),
        { transaction },
      );
    });
    const ids = (await JoinRequest.findAll({ where: { organizationId, status: "pending" }, attributes: ["id"], raw: true })).map((r) => r.id);

    const sandbox = app.sandbox!;
    const minted = await requestTrusting(sandbox.caCertPem, `${sandbox.httpsUrl}/sandbox/token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ upn: "office@contoso.example" }),
    });
    const headers = { authorization: `Bearer ${minted.json<{ access_token: string }>().access_token}`, "content-type": "application/json" };
    await fetch(`${app.url}/api/session`, { method: "POST", headers });

    process.stdout.write(`bench:bulk: approving ${ids.length} requests (${teachers.length} teachers bringing ${students.length} students) in calls of ${PER_CALL}, PostgreSQL (load ${machineLoad()})…\n`);
    const started = performance.now();
    let refused = 0;
    // As the tab does: one call after another, each a page of the admin's selection.
    for (let at = 0; at < ids.length; at += PER_CALL) {
      const decisions = ids.slice(at, at + PER_CALL).map((id) => ({ id, decision: "approve" }));
      const answer = await fetch(`${app.url}/api/orgs/${organizationId}/requests/decisions`, { method: "POST", headers, body: JSON.stringify({ decisions }) });
      const body = (await answer.json()) as { results?: Array<{ ok: boolean }> };
      if (answer.status !== 200 || !body.results) throw new Error(`decisions answered ${answer.status}: ${JSON.stringify(body).slice(0, 300)}`);
      refused += body.results.filter((r) => !r.ok).length;
    }
    const seconds = (performance.now() - started) / 1000;
    const members = await Membership.count({ where: { organizationId, userId: [...requesters, ...students].map((p) => p.id) } });
    const expected = requesters.length + students.length;
    const check = refused === 0 && members === expected ? `all ${expected} joined once` : `${refused} refused, ${members}/${expected} members: PROBLEM`;
    const verdict = seconds <= 2 ? "goal met" : "OVER 2 s";
    process.stdout.write(`summary: ${ids.length} decisions in ${seconds.toFixed(2)} s (goal ≤ 2 s: ${verdict}); check: ${check}; outbox phase not measured\n`);
    recordRow(
      "## bulk (`npm run bench:bulk`)",
      [
        "1,000 pending requests for one school (a third teachers with a subscription of two students), approved through",
        "`POST /api/orgs/:orgId/requests/decisions` in calls of 100, one after another, on PostgreSQL. Goal: all decided in ≤ 2 s.",
        "The outbox half (every admin's cards updated at ≥ 45/s per tenant, never above Teams' 50/s) is not measured yet.",
      ],
      ["date", "node", "load", "requests", "members joined", "seconds", "check", "verdict"],
      `${stamp()} | ${process.version} | ${machineLoad()} | ${ids.length} | ${members} | ${seconds.toFixed(2)} | ${check} | ${verdict}`,
    );
    if (!check.startsWith("all")) process.exitCode = 1;
  } finally {
    await new Promise((ok) => setTimeout(ok, 300));
    await app.close();
    await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:bulk failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
