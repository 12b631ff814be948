/**
 * `npm run bench:startup`: the server started the old way (`tsx main.ts`, transpiling at start) and the
 * new way (`node dist/main.js`, the built output), same machine, same run, alternating, each in its own
 * process with a copy of the same warm data folder (sandbox mode, SQLite):
 *   - time from spawning the process to the first 200 from /api/health
 *   - resident memory (the whole process tree: tsx runs the server in a child) 3 s after that, idle
 *   - resident memory after load: returning members' POST /api/session from autocannon in this process
 *   - what the server's memory is made of (process.memoryUsage() and V8's heap spaces, reported by a
 *     preload on SIGUSR2), so the table says what dominates
 * Prints the medians and appends them, with the load average, to bench/RESULTS.md.
 *
 *   BENCH_ROUNDS=3 BENCH_SECONDS=10 npm run bench:startup
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";

const ROOT = resolve(fileURLToPath(new URL(".", import.meta.url)), "../..");
const PRELOAD = join(ROOT, "bench/startup/report-memory.mjs");
const RESULTS = join(ROOT, "bench/RESULTS.md");
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const PORT = Number(process.env.BENCH_PORT ?? 4120);
const SANDBOX_PORT = Number(process.env.BENCH_SANDBOX_PORT ?? 4121);
const MEMBER = "office@contoso.example";
const MB = 1024 * 1024;

type Mode = "tsx" | "dist";
const COMMANDS: Record<Mode, string[]> = {
  // What `npm start` ran before: the tsx CLI, which starts the server in a child node with its loader.
  tsx: [join(ROOT, "node_modules/.bin/tsx"), "--import", PRELOAD, "--disable-warning=DEP0111", join(ROOT, "main.ts")],
  dist: [process.execPath, "--import", PRELOAD, "--disable-warning=DEP0111", join(ROOT, "dist/main.js")],
};

interface MemoryReport {
  usage: NodeJS.MemoryUsage;
  spaces: Record<string, number>;
}
interface Sample {
  startMs: number;
  rssIdle: number;
  rssLoaded: number;
  /** The server process alone (for tsx: without the CLI parent and esbuild). */
  rssServerIdle: number;
  idle: MemoryReport;
  loaded: MemoryReport;
  requestsPerSecond: number;
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** The pid and every descendant's, from /proc. */
function processTree(root: number): number[] {
  const parents = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
    } catch {
      // the process ended while we looked
    }
  }
  const tree = [root];
  for (let i = 0; i < tree.length; i++) for (const [pid, parent] of parents) if (parent === tree[i]) tree.push(pid);
  return tree;
}

function residentBytes(pids: number[]): number {
  let total = 0;
  for (const pid of pids) {
    try {
      const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
      total += Number(kb ?? 0) * 1024;
    } catch {
      // gone
    }
  }
  return total;
}

/** The server: the deepest node process of the tree (tsx's child; not tsx's esbuild service). */
function serverPid(root: number): number {
  const comm = (pid: number) => {
    try {
      return readFileSync(`/proc/${pid}/comm`, "utf8").trim();
    } catch {
      return "";
    }
  };
  return processTree(root).filter((pid) => comm(pid) === "node" || comm(pid) === "MainThread").at(-1) ?? root;
}

/** Asks the server what its memory is made of. */
async function memoryReport(root: number, file: string): Promise<MemoryReport> {
  rmSync(file, { force: true });
  const server = serverPid(root);
  process.kill(server, "SIGUSR2");
  for (let i = 0; i < 200 && !existsSync(file); i++) await sleep(10);
  await sleep(20);
  return JSON.parse(readFileSync(file, "utf8")) as MemoryReport;
}

async function waitForHealth(child: ChildProcess, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      const answer = await fetch(`http://127.0.0.1:${PORT}/api/health`);
      if (answer.status === 200) return;
    } catch {
      // not listening yet
    }
    await sleep(10);
  }
  throw new Error("no 200 from /api/health within 120 s");
}

function start(mode: Mode, dataDir: string, memoryFile: string): ChildProcess {
  const [command, ...args] = COMMANDS[mode];
  return spawn(command!, args, {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "/tmp",
      PORT: String(PORT),
      SANDBOX_PORT: String(SANDBOX_PORT),
      DATA_DIR: dataDir,
      LOG_LEVEL: "warn",
      BENCH_MEMORY_FILE: memoryFile,
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((done) => child.once("exit", done));
  child.kill("SIGTERM");
  await exited;
}

async function memberToken(): Promise<string> {
  const answer = await fetch(`http://127.0.0.1:${SANDBOX_PORT}/sandbox/token`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ upn: MEMBER }),
  });
  return ((await answer.json()) as { access_token: string }).access_token;
}

async function measure(mode: Mode, template: string): Promise<Sample> {
  const dataDir = mkdtempSync(join(tmpdir(), `rosterlink-startup-${mode}-`));
  const memoryFile = join(dataDir, "memory.json");
  cpSync(template, dataDir, { recursive: true });
  const began = performance.now();
  const child = start(mode, dataDir, memoryFile);
  try {
    await waitForHealth(child, Date.now() + 120_000);
    const startMs = performance.now() - began;
    await sleep(3000);
    const rssIdle = residentBytes(processTree(child.pid!));
    const rssServerIdle = residentBytes([serverPid(child.pid!)]);
    const idle = await memoryReport(child.pid!, memoryFile);

    const token = await memberToken();
    const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
    const load = await autocannon({ url: `http://127.0.0.1:${PORT}/api/session`, method: "POST", headers, body: "{}", connections: 20, duration: SECONDS });
    await sleep(2000);
    const rssLoaded = residentBytes(processTree(child.pid!));
    const loaded = await memoryReport(child.pid!, memoryFile);
    return { startMs, rssIdle, rssLoaded, rssServerIdle, idle, loaded, requestsPerSecond: Math.round(load.requests.average) };
  } finally {
    await stop(child);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const mb = (bytes: number) => (bytes / MB).toFixed(0);

/** rss = V8 heap (committed) + external/array buffers + the rest (code, native modules, libc, stacks). */
function parts(report: MemoryReport, rss: number): string {
  const { heapTotal, heapUsed, external } = report.usage;
  const code = report.spaces.code_space ?? 0;
  const native = rss - heapTotal - external;
  return `server rss ${mb(rss)}: heap ${mb(heapTotal)} (used ${mb(heapUsed)}, of it code ${mb(code)}), external ${mb(external)}, outside V8 ${mb(native)}`;
}

async function main(): Promise<void> {
  const build = spawnSync(process.execPath, [join(ROOT, "scripts/ensure-built.mjs")], { cwd: ROOT, stdio: "inherit" });
  if (build.status !== 0) throw new Error("the build failed");
  const loadBefore = loadavg()[0]!;

  // One untimed start makes the data folder warm (database migrated and seeded, sandbox keys and
  // certificate made); every measured start gets its own copy of it.
  const template = mkdtempSync(join(tmpdir(), "rosterlink-startup-template-"));
  const warm = start("dist", template, join(template, "memory.json"));
  await waitForHealth(warm, Date.now() + 120_000);
  await stop(warm);

  const samples: Record<Mode, Sample[]> = { tsx: [], dist: [] };
  for (let round = 0; round < ROUNDS; round++) {
    const order: Mode[] = round % 2 === 0 ? ["tsx", "dist"] : ["dist", "tsx"];
    for (const mode of order) {
      const sample = await measure(mode, template);
      samples[mode].push(sample);
      console.log(`${mode}: start ${sample.startMs.toFixed(0)} ms, rss idle ${mb(sample.rssIdle)} MB, after load ${mb(sample.rssLoaded)} MB (${sample.requestsPerSecond} req/s)`);
    }
  }
  rmSync(template, { recursive: true, force: true });
  const loadAfter = loadavg()[0]!;

  const date = new Date().toISOString().slice(0, 16).replace("T", " ");
  const rows = (["tsx", "dist"] as Mode[]).map((mode) => {
    const runs = samples[mode];
    const last = runs.at(-1)!;
    return (
      `| ${date} | ${process.version} | ${mode} | ${median(runs.map((s) => s.startMs)).toFixed(0)} | ${mb(median(runs.map((s) => s.rssIdle)))} | ` +
      `${mb(median(runs.map((s) => s.rssLoaded)))} | ${median(runs.map((s) => s.requestsPerSecond))} | ${parts(last.idle, last.rssServerIdle)} | ` +
      `${loadBefore.toFixed(1)}→${loadAfter.toFixed(1)} |`
    );
  });
  console.log(rows.join("\n"));

  const section = "## startup (`npm run bench:startup`)";
  const header = [
    section,
    "",
    "The server started as `tsx main.ts` (what `npm start` ran before: the tsx CLI transpiles at start and runs the",
    "server in a child process) and as `node dist/main.js` (the built output production runs), alternating, each with",
    "a copy of one warm data folder (sandbox mode, SQLite). Medians of the rounds: time from spawn to the first 200",
    `from /api/health; resident memory of the process tree 3 s later (idle) and after ${SECONDS} s of returning members'`,
    "`POST /api/session` (autocannon, 20 connections, in the bench's own process). \"Idle by part\" is the server's",
    "process.memoryUsage() and V8 heap spaces in MB, against the server process's own rss (for tsx without the CLI",
    "parent and esbuild); \"outside V8\" = rss − heap − external (compiled code, native modules, libraries, stacks).",
    "Load average: 1-minute, before→after, on the shared 2-core machine.",
    "",
    "| date | node | server | start→200 ms | rss idle MB | rss after load MB | req/s | idle by part (server process) | load avg |",
    "|---|---|---|---|---|---|---|---|---|",
  ].join("\n");
  let text = readFileSync(RESULTS, "utf8");
  if (!text.includes(section)) text = `${text.trimEnd()}\n\n${header}\n`;
  const at = text.indexOf(section);
  const next = text.indexOf("\n## ", at + section.length);
  const end = next < 0 ? text.length : next;
  const body = text.slice(at, end).trimEnd();
  text = `${text.slice(0, at)}${body}\n${rows.join("\n")}\n${text.slice(end)}`;
  writeFileSync(RESULTS, text.endsWith("\n") ? text : `${text}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
