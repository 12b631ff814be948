/**
 * `npm run bench:session`: a returning member's POST /api/session (the built dist/main.js) against a bare restify route that
 * answers a body of the same size, same process, same connections and duration. Prints requests/s,
 * p50 and p99 for both and their ratio, and appends a dated row to bench/RESULTS.md.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { spawnSync } from "node:child_process";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { AddressInfo } from "node:net";
import autocannon from "autocannon";
import restify from "restify";
import type { startRosterLink as StartRosterLink } from "../../main.js";
import { requestTrusting } from "../../tests/helpers/sandbox-https.js";

const MEMBER = "office@contoso.example";
const CONNECTIONS = 50;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const SECTION = "## session (`npm run bench:session`)";
const RESULTS = resolve(fileURLToPath(new URL(".", import.meta.url)), "../RESULTS.md");

// Benchmarks measure the built output (dist/), as production runs it: build it when stale, then load it.
const ROOT = resolve(fileURLToPath(new URL(".", import.meta.url)), "../..");
if (spawnSync(process.execPath, [join(ROOT, "scripts/ensure-built.mjs")], { stdio: "inherit" }).status !== 0) process.exit(1);
const { startRosterLink } = (await import(pathToFileURL(join(ROOT, "dist/main.js")).href)) as { startRosterLink: typeof StartRosterLink };

interface Measured { requestsPerSecond: number; p50: number; p99: number; non2xx: number; errors: number }

async function measure(url: string, headers: Record<string, string>): Promise<Measured> {
  const result = await autocannon({ url, method: "POST", headers, connections: CONNECTIONS, duration: SECONDS });
  return {
    requestsPerSecond: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

const TABLE_HEADER = [
  "| date | node | seconds | bare req/s | bare p50/p99 ms | session req/s | session p50/p99 ms | ratio |",
  "|---|---|---|---|---|---|---|---|",
];

/**
 * Adds a row at the end of this benchmark's table in bench/RESULTS.md. Other benchmarks keep their own
 * sections in the same file, and notes may follow the table, so the row goes into the table, not at the end.
 */
function recordRow(row: string): void {
  const lines = existsSync(RESULTS) ? readFileSync(RESULTS, "utf8").trimEnd().split("\n") : ["# Benchmark results"];
  let at = lines.indexOf(SECTION);
  if (at < 0) {
    lines.push("", SECTION, "", "A returning member's `POST /api/session` (SQLite, sandbox mode, LOG_LEVEL warn) against a bare restify route", "answering a body of the same size; autocannon in the same process, 50 connections.", "", ...TABLE_HEADER);
    at = lines.indexOf(SECTION);
  }
  let tableStart = lines.findIndex((line, i) => i > at && line.startsWith("|"));
  if (tableStart < 0) {
    lines.splice(at + 1, 0, "", ...TABLE_HEADER);
    tableStart = at + 2;
  }
  let tableEnd = tableStart;
  while (tableEnd < lines.length && lines[tableEnd]!.startsWith("|")) tableEnd++;
  lines.splice(tableEnd, 0, row);
  writeFileSync(RESULTS, `${lines.join("\n")}\n`);
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), "rosterlink-bench-"));
  const app = await startRosterLink({
    env: { LOG_LEVEL: "warn" },
    override: { port: 0, host: "127.0.0.1", sandboxPort: 0, dataDir, database: { dialect: "sqlite", path: join(dataDir, "bench.sqlite") } },
  });
  const bare = restify.createServer({ name: "bare" });
  try {
    const sandbox = app.sandbox!;
    const minted = await requestTrusting(sandbox.caCertPem, `${sandbox.httpsUrl}/sandbox/token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ upn: MEMBER }),
    });
    const token = minted.json<{ access_token: string }>().access_token;
    const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };

    const first = await fetch(`${app.url}/api/session`, { method: "POST", headers });
    const body = await first.text();
    if (first.status !== 200 || JSON.parse(body).next !== "ready") throw new Error(`the member's sign-in answered ${first.status}: ${body}`);

    const sameSize = JSON.parse(body) as unknown;
    bare.post("/bare", async (_req, res) => {
      res.send(200, sameSize);
    });
    await new Promise<void>((ok) => bare.listen(0, "127.0.0.1", ok));
    const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}/bare`;

    process.stdout.write(`Warming up, then ${SECONDS}s × ${CONNECTIONS} connections each (body ${Buffer.byteLength(body)} bytes)…\n`);
    await autocannon({ url: `${app.url}/api/session`, method: "POST", headers, connections: 10, duration: 2 });
    const baseline = await measure(bareUrl, headers);
    const session = await measure(`${app.url}/api/session`, headers);
    if (session.non2xx > 0 || session.errors > 0) throw new Error(`POST /api/session answered ${session.non2xx} non-2xx and ${session.errors} errors`);
    const ratio = Math.round((session.requestsPerSecond / baseline.requestsPerSecond) * 100) / 100;

    const line = (name: string, m: Measured) => `${name.padEnd(22)} ${String(m.requestsPerSecond).padStart(7)} req/s   p50 ${m.p50} ms   p99 ${m.p99} ms`;
    process.stdout.write(`${line("bare restify route", baseline)}\n${line("POST /api/session", session)}\nratio ${ratio} (goal ≥ 0.5)\n`);

    recordRow(
      `| ${new Date().toISOString().slice(0, 16).replace("T", " ")} | ${process.version} | ${SECONDS} | ${baseline.requestsPerSecond} | ${baseline.p50}/${baseline.p99} | ${session.requestsPerSecond} | ${session.p50}/${session.p99} | ${ratio} |`,
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
