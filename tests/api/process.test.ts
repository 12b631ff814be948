import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import http from "node:http";
import { createServer } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { startProcess } from "../helpers/child-process.js";

const ROOT = new URL("../..", import.meta.url).pathname;
const dataDir = mkdtempSync(join(tmpdir(), "rosterlink-process-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const run = (env: Record<string, string>) => startProcess(join(ROOT, "node_modules/.bin/tsx"), ["main.ts"], ROOT, env);

describe("the process", () => {
  it("refuses to start on a bad value, with one line naming the variable", async () => {
    const proc = run({ PORT: "not-a-port", DATA_DIR: dataDir });
    expect(await proc.exited).toBe(78);
    expect(proc.err().trim().split("\n")).toEqual(["Configuration error: PORT must be a port number"]);
  });

  it("in production, refuses to start without a bot app id, naming BOT_ID", async () => {
    const proc = run({
      DATA_DIR: dataDir,
      AAD_APP_CLIENT_ID: "11111111-1111-4111-8111-111111111111",
      SECRET_AAD_APP_CLIENT_SECRET: "x",
      SECRET_BOT_PASSWORD: "y",
      TAB_ENDPOINT: "https://rosterlink.contoso.example",
      TAB_DOMAIN: "rosterlink.contoso.example",
    });
    expect(await proc.exited).toBe(78);
    expect(proc.err().trim()).toBe("Configuration error: BOT_ID is required");
  });

  it("starts in sandbox mode, prints the start page, serves /api/health, and stops cleanly on SIGTERM", async () => {
    const proc = run({ PORT: "0", SANDBOX_PORT: "0", DATA_DIR: dataDir, LOG_LEVEL: "warn" });
    // tsx transpiles every module at start: seconds on a quiet machine, much longer on a loaded one.
    const deadline = Date.now() + 90_000;
    while (!/running in sandbox mode/.test(proc.out()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const line = proc.out().split("\n").find((l) => l.includes("running in sandbox mode")) ?? "";
    expect(line).toMatch(/open http:\/\/localhost:\d+\/ to choose a persona \(app: http:\/\/localhost:\d+\)/);
    const appUrl = /\(app: (http:\/\/localhost:\d+)\)/.exec(line)![1]!;
    const health = await fetch(`${appUrl}/api/health`);
    expect(health.status).toBe(200);
    proc.child.kill("SIGTERM");
    expect(await proc.exited).toBe(0);
  }, 120_000);

  it("from the moment it starts, /api/health answers only: connection refused, 503 problem, then 200", async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, "127.0.0.1", () => {
        const address = probe.address() as { port: number };
        probe.close(() => resolve(address.port));
      });
    });
    const proc = run({ PORT: String(port), SANDBOX_PORT: "0", DATA_DIR: dataDir, LOG_LEVEL: "warn" });
    const seen: string[] = [];
    const healthOnce = () =>
      new Promise<string>((resolve) => {
        const req = http.get({ host: "127.0.0.1", port, path: "/api/health", timeout: 10_000 }, (res) => {
          let body = "";
          res.on("data", (chunk: Buffer) => (body += chunk.toString()));
          res.on("end", () => {
            if (res.statusCode === 503) {
              const problem = JSON.parse(body) as { code: string };
              resolve(`503 ${res.headers["content-type"]} ${problem.code} retry-after=${res.headers["retry-after"]}`);
            } else resolve(String(res.statusCode));
          });
        });
        req.on("timeout", () => req.destroy(new Error("timeout")));
        req.on("error", (error: NodeJS.ErrnoException) => resolve(error.code === "ECONNREFUSED" ? "refused" : `error ${error.code ?? error.message}`));
      });
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline && proc.child.exitCode === null) {
      const outcome = await healthOnce();
      seen.push(outcome);
      if (outcome === "200") break;
    }
    // A few more after ready: it stays ready.
    for (let i = 0; i < 5; i++) seen.push(await healthOnce());
    proc.child.kill("SIGTERM");
    expect(await proc.exited).toBe(0);

    const kinds = new Set(seen);
    expect(seen.at(-1)).toBe("200");
    for (const kind of kinds) expect(["refused", "200", "503 application/problem+json not_ready retry-after=1"]).toContain(kind);
    expect(seen.indexOf("200")).toBe(seen.length - 6);
  }, 150_000);
});
