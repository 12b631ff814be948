/**
 * `npm run bench:burst` (issue 13, P2): the first morning of term. 5,000 people from 4 district tenants sign
 * in for the first time (on-behalf-of + Graph + one write each) against 2 app instances on one PostgreSQL,
 * behind one sandbox (`sandbox/cli.ts`, its own process) with Microsoft-like latency. The load generator is
 * a third process. Reports joins/s and p50/p99, then checks that every person exists exactly once with
 * exactly one membership and the right type. Appends a row to bench/RESULTS.md.
 * BENCH_PEOPLE (5000), BENCH_CONCURRENCY (256), BENCH_LATENCY (microsoft), BENCH_DATABASE_URL
 * (postgres://postgres@127.0.0.1:5432/test, as .ci/run starts it; a throwaway database is made beside it).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { spawn } from "node:child_process";
import pg from "pg";
import { districtTid, expectedAccountType, generatePopulation } from "../../sandbox/fixtures/index.js";
import { startProcess, type Started } from "../lib/processes.js";
import { machineLoad, recordRow, stamp } from "../lib/results.js";
import { cpuUse } from "../lib/cpu.js";

const DISTRICTS = 4;
const INSTANCES = 2;
const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 5000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 256);
const LATENCY = process.env.BENCH_LATENCY ?? "microsoft";
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const PER_DISTRICT = Math.ceil(PEOPLE / DISTRICTS);
// A district's staff: one teacher for every twenty people, the rest students.
const TEACHERS = Math.max(1, Math.round(PER_DISTRICT / 20));
const STUDENTS = PER_DISTRICT - TEACHERS;

interface LoadOutput { seconds: number; cpuSeconds: number; statuses: Record<string, number>; latencies: number[] }

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

async function withAdmin<T>(work: (client: pg.Client) => Promise<T>, url = ADMIN_URL): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Runs the load generator; `onTimed` is called when its timed phase starts (after minting tokens). */
function runLoad(inputPath: string, onTimed: () => void): Promise<LoadOutput> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "bench/burst/load.ts", inputPath], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    let timed = false;
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
      if (!timed && stderr.includes("TIMED\n")) {
        timed = true;
        onTimed();
      }
    });
    child.once("exit", (code) => {
      if (code !== 0) return reject(new Error(`load generator exited ${code}: ${stderr.slice(-800)}`));
      // A refused or failed sign-in is worth reading, not only counting.
      const failure = /first failure: .*/.exec(stderr);
      if (failure) process.stdout.write(`${failure[0].slice(0, 400)}\n`);
      resolve(JSON.parse(stdout) as LoadOutput);
    });
  });
}

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), "rosterlink-burst-"));
  const dbName = `rl_bench_${randomBytes(4).toString("hex")}`;
  await withAdmin((c) => c.query(`CREATE DATABASE ${dbName}`));
  const dbUrl = new URL(ADMIN_URL);
  dbUrl.pathname = `/${dbName}`;
  const started: Started[] = [];
  try {
    const sandbox = await startProcess("sandbox/cli.ts", ["--port", "0", "--data-dir", join(work, "sandbox"), "--districts", String(DISTRICTS), "--students", String(STUDENTS), "--teachers", String(TEACHERS), "--latency", LATENCY], { ready: /SANDBOX_URL=(https:\/\/\S+)/ });
    started.push(sandbox);
    const env = {
      LOG_LEVEL: "warn",
      PORT: "0",
      DATABASE_URL: dbUrl.toString(),
      SANDBOX_URL: sandbox.match,
    };
    const instances = await Promise.all(
      Array.from({ length: INSTANCES }, (_, i) => startProcess("main.ts", [], { env: { ...env, DATA_DIR: join(work, `app${i}`) }, ready: /\(app: (http:\/\/[^\s)]+)\)/ })),
    );
    started.push(...instances);
    const caCertPem = await (await fetch(`${sandbox.match.replace("https:", "http:")}/sandbox/certificate`)).text();

    const population = generatePopulation({ districts: DISTRICTS, students: STUDENTS, teachers: TEACHERS });
    // Interleave the districts, as a morning's sign-ins are.
    const people = [...population.people].sort((a, b) => (a.oid === b.oid ? a.tid.localeCompare(b.tid) : a.oid.slice(-12).localeCompare(b.oid.slice(-12)) || a.tid.localeCompare(b.tid)));
    const inputPath = join(work, "load.json");
    writeFileSync(inputPath, JSON.stringify({ sandboxUrl: sandbox.match, caCertPem, appUrls: instances.map((i) => i.match), upns: people.map((p) => p.upn), concurrency: CONCURRENCY }));

    process.stdout.write(`bench:burst: ${people.length} first sign-ins across ${DISTRICTS} districts, ${INSTANCES} instances on PostgreSQL, latency ${LATENCY}, ${CONCURRENCY} in flight (load ${machineLoad()})…\n`);
    // Where the CPU goes during the timed phase, per process: what dominates on this 2-core machine.
    let cpuDone: (() => Record<string, number>) | undefined;
    const load = await runLoad(inputPath, () => (cpuDone ??= cpuUse({ app1: instances[0]!.child.pid, app2: instances[1]!.child.pid, sandbox: sandbox.child.pid })));
    const cpu = { ...(cpuDone?.() ?? {}), load: load.cpuSeconds };
    const cpuText = Object.entries(cpu).map(([name, seconds]) => `${name} ${seconds}`).join(", ");
    const joinsPerSecond = Math.round((load.statuses["200"] ?? 0) / load.seconds);
    const p50 = percentile(load.latencies, 50);
    const p99 = percentile(load.latencies, 99);

    // Every person exactly once, with exactly one membership, of the type their Graph data says.
    const rows = await withAdmin(
      (c) =>
        c.query<{ tid: string; oid: string; account_type: string | null; memberships: string }>(
          `SELECT u.tid, u.oid, u.account_type, COUNT(m.id) AS memberships
             FROM users u LEFT JOIN memberships m ON m.user_id = u.id
            WHERE u.tid = ANY($1) AND u.oid NOT LIKE '%-000000000001'
            GROUP BY u.id, u.tid, u.oid, u.account_type`,
          [Array.from({ length: DISTRICTS }, (_, i) => districtTid(i + 1))],
        ),
      dbUrl.toString(),
    );
    const seen = new Map<string, number>();
    for (const row of rows.rows) seen.set(`${row.tid}/${row.oid}`, (seen.get(`${row.tid}/${row.oid}`) ?? 0) + 1);
    const byKey = new Map(rows.rows.map((row) => [`${row.tid}/${row.oid}`, row]));
    const problems: string[] = [];
    for (const person of people) {
      const key = `${person.tid}/${person.oid}`;
      const row = byKey.get(key);
      if (!row) problems.push(`${person.upn} missing`);
      else if (seen.get(key) !== 1) problems.push(`${person.upn} ${seen.get(key)} times`);
      else if (Number(row.memberships) !== 1) problems.push(`${person.upn} has ${row.memberships} memberships`);
      else if (row.account_type !== expectedAccountType(person)) problems.push(`${person.upn} is ${row.account_type}, expected ${expectedAccountType(person)}`);
    }
    if (rows.rows.length !== people.length) problems.push(`${rows.rows.length} users for ${people.length} people`);
    const check = problems.length === 0 ? "all exactly once, one membership, right type" : `${problems.length} PROBLEMS, e.g. ${problems.slice(0, 3).join("; ")}`;
    const statuses = Object.entries(load.statuses).map(([status, count]) => `${status}×${count}`).join(" ");
    const verdict = joinsPerSecond >= 500 ? "goal met" : "UNDER 500 joins/s";
    process.stdout.write(`summary: ${load.statuses["200"] ?? 0} joins in ${load.seconds.toFixed(1)} s = ${joinsPerSecond} joins/s (goal ≥ 500: ${verdict}), p50 ${p50} ms, p99 ${p99} ms, answers ${statuses}; CPU s in the timed phase: ${cpuText}; check: ${check}\n`);

    recordRow(
      "## burst (`npm run bench:burst`)",
      [
        "First sign-ins of generated people (4 district tenants, 1 teacher in 20) against 2 app instances (own processes) on one",
        "PostgreSQL, one sandbox process with Microsoft-like latency (token 80–250 ms, on-behalf-of 100–300 ms, Graph 40–200 ms),",
        "the load generator in a third process. Then every person is checked: exactly once, one membership, the right type.",
        "Goal: ≥ 500 joins/s.",
      ],
      ["date", "node", "load", "people", "in flight", "latency", "seconds", "joins/s", "p50/p99 ms", "answers", "CPU s (timed phase)", "check", "verdict"],
      `${stamp()} | ${process.version} | ${machineLoad()} | ${people.length} | ${CONCURRENCY} | ${LATENCY} | ${load.seconds.toFixed(1)} | ${joinsPerSecond} | ${p50}/${p99} | ${statuses} | ${cpuText} | ${check} | ${verdict}`,
    );
    if (problems.length > 0) process.exitCode = 1;
  } finally {
    for (const process of started.reverse()) await process.stop();
    await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`)).catch(() => undefined);
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:burst failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
