/**
 * `npm run bench:session`: `POST /api/session` for a returning member and for a returning tenant admin,
 * against a bare restify route answering a body of the same size. The load generator (autocannon) runs
 * in its own process; the three targets are measured in turns, twice, in the same run, so the ratio
 * holds even when the machine's speed does not. Prints a summary line and appends a row to
 * bench/RESULTS.md. BENCH_SECONDS (default 5) per phase; BENCH_DATABASE_URL runs it on PostgreSQL.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { spawnSync } from "node:child_process";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { AddressInfo } from "node:net";
import restify from "restify";
import type { startRosterLink as StartRosterLink } from "../../main.js";
import { requestTrusting } from "../../tests/helpers/sandbox-https.js";
import { autocannon, type LoadResult } from "../lib/load-generator.js";
import { machineLoad, recordRow, stamp } from "../lib/results.js";

const MEMBER = "office@contoso.example";
const TENANT_ADMIN = "principal@contoso.example";
const CONNECTIONS = 50;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = 2;
const DATABASE_URL = process.env.BENCH_DATABASE_URL;

// Benchmarks measure the built output (dist/), as production runs it: build it when stale, then load it.
const ROOT = resolve(fileURLToPath(new URL(".", import.meta.url)), "../..");
if (spawnSync(process.execPath, [join(ROOT, "scripts/ensure-built.mjs")], { stdio: "inherit" }).status !== 0) process.exit(1);
const { startRosterLink } = (await import(pathToFileURL(join(ROOT, "dist/main.js")).href)) as { startRosterLink: typeof StartRosterLink };

type Target = "bare" | "member" | "admin";

/** The rounds of one target: mean req/s, and the worst p50/p99 seen. */
function summarize(results: LoadResult[]): LoadResult {
  return {
    requestsPerSecond: Math.round(results.reduce((sum, r) => sum + r.requestsPerSecond, 0) / results.length),
    p50: Math.max(...results.map((r) => r.p50)),
    p99: Math.max(...results.map((r) => r.p99)),
    non2xx: results.reduce((sum, r) => sum + r.non2xx, 0),
    errors: results.reduce((sum, r) => sum + r.errors, 0),
  };
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), "rosterlink-bench-"));
  const app = await startRosterLink({
    env: { LOG_LEVEL: "warn" },
    override: {
      port: 0,
      host: "127.0.0.1",
      sandboxPort: 0,
      dataDir,
      database: DATABASE_URL ? { dialect: "postgres", url: DATABASE_URL } : { dialect: "sqlite", path: join(dataDir, "bench.sqlite") },
    },
  });
  const bare = restify.createServer({ name: "bare" });
  try {
    const sandbox = app.sandbox!;
    const headersFor = async (upn: string) => {
      const minted = await requestTrusting(sandbox.caCertPem, `${sandbox.httpsUrl}/sandbox/token`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ upn }),
      });
      return { authorization: `Bearer ${minted.json<{ access_token: string }>().access_token}`, "content-type": "application/json" };
    };
    const headers = { member: await headersFor(MEMBER), admin: await headersFor(TENANT_ADMIN) };
    const sessionUrl = `${app.url}/api/session`;
    const bodies: Record<string, string> = {};
    for (const who of ["member", "admin"] as const) {
      const answer = await fetch(sessionUrl, { method: "POST", headers: headers[who] });
      bodies[who] = await answer.text();
      if (answer.status !== 200 || JSON.parse(bodies[who]).next !== "ready") throw new Error(`the ${who}'s sign-in answered ${answer.status}: ${bodies[who]}`);
    }

    const sameSize = JSON.parse(bodies.member!) as unknown;
    bare.post("/bare", async (_req, res) => {
      res.send(200, sameSize);
    });
    await new Promise<void>((ok) => bare.listen(0, "127.0.0.1", ok));
    const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}/bare`;

    process.stdout.write(`bench:session: ${ROUNDS} rounds of bare → member → tenant admin, ${SECONDS}s × ${CONNECTIONS} connections each, load generator in its own process (${DATABASE_URL ? "PostgreSQL" : "SQLite"}, load ${machineLoad()})\n`);
    await autocannon(sessionUrl, { connections: 10, seconds: 2, method: "POST", headers: headers.member });
    await autocannon(bareUrl, { connections: 10, seconds: 1, method: "POST", headers: headers.member });
    const runs: Record<Target, LoadResult[]> = { bare: [], member: [], admin: [] };
    for (let round = 0; round < ROUNDS; round++) {
      runs.bare.push(await autocannon(bareUrl, { connections: CONNECTIONS, seconds: SECONDS, method: "POST", headers: headers.member }));
      runs.member.push(await autocannon(sessionUrl, { connections: CONNECTIONS, seconds: SECONDS, method: "POST", headers: headers.member }));
      runs.admin.push(await autocannon(sessionUrl, { connections: CONNECTIONS, seconds: SECONDS, method: "POST", headers: headers.admin }));
    }
    const bareResult = summarize(runs.bare);
    const member = summarize(runs.member);
    const admin = summarize(runs.admin);
    for (const [who, m] of [["member", member], ["tenant admin", admin]] as const) {
      if (m.non2xx > 0 || m.errors > 0) throw new Error(`POST /api/session (${who}) answered ${m.non2xx} non-2xx and ${m.errors} errors`);
    }
    const ratio = Math.round((member.requestsPerSecond / bareResult.requestsPerSecond) * 100) / 100;
    const adminShare = Math.round((admin.requestsPerSecond / member.requestsPerSecond) * 100) / 100;
    const line = (name: string, m: LoadResult) => `${name.padEnd(28)} ${String(m.requestsPerSecond).padStart(7)} req/s   p50 ${m.p50} ms   p99 ${m.p99} ms`;
    process.stdout.write(`${line("bare restify route", bareResult)}\n${line("session, returning member", member)}\n${line("session, returning tenant admin", admin)}\n`);
    const verdict = [
      ratio >= 0.5 ? "ratio ok" : "ratio UNDER 0.5",
      member.p99 <= 25 ? "p99 ok" : "p99 OVER 25 ms",
      adminShare >= 0.8 ? "admin ok" : "admin UNDER 0.8",
    ].join(", ");
    process.stdout.write(`summary: member ${ratio}× bare (goal ≥ 0.5), member p99 ${member.p99} ms (goal ≤ 25), tenant admin ${adminShare}× member (goal ≥ 0.8): ${verdict}\n`);

    recordRow(
      "## session, load generator in its own process (`npm run bench:session`)",
      [
        "`POST /api/session` for a returning member (`office@contoso.example`) and a returning tenant admin",
        "(`principal@contoso.example`) against a bare restify route answering a body of the same size; autocannon in its",
        "own process, 50 connections, the three measured in turns twice (mean req/s, worst p50/p99), sandbox mode, LOG_LEVEL warn.",
        "Goals: member ≥ 0.5× bare with p99 ≤ 25 ms; tenant admin ≥ 0.8× member.",
      ],
      ["date", "node", "db", "load", "s/phase", "bare req/s", "member req/s", "member p50/p99 ms", "admin req/s", "admin p50/p99 ms", "member/bare", "admin/member", "verdict"],
      `${stamp()} | ${process.version} | ${DATABASE_URL ? "postgres" : "sqlite"} | ${machineLoad()} | ${SECONDS} | ${bareResult.requestsPerSecond} | ${member.requestsPerSecond} | ${member.p50}/${member.p99} | ${admin.requestsPerSecond} | ${admin.p50}/${admin.p99} | ${ratio} | ${adminShare} | ${verdict}`,
    );
  } finally {
    // autocannon stops with requests in flight; let them finish before the database closes under them.
    await new Promise((ok) => setTimeout(ok, 500));
    await new Promise<void>((ok) => bare.close(() => ok()));
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:session failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
