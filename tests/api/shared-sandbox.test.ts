import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../api/config.js";
import { districtTid } from "../../sandbox/fixtures/index.js";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { DATABASE_KINDS, freshDatabase, type TestDatabase } from "../helpers/databases.js";

/** `npm run sandbox` as its own process; resolves with its https URL once it listens. */
async function startSandboxProcess(dataDir: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ["--import", "tsx", "sandbox/cli.ts", "--port", "0", "--data-dir", dataDir, "--districts", "1", "--students", "40", "--teachers", "5"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the sandbox did not start: ${output}`)), 60_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /SANDBOX_URL=(https:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on("data", read);
    child.stderr!.on("data", read);
    child.once("exit", (code) => reject(new Error(`the sandbox exited (${code}): ${output}`)));
  });
  return { url, child };
}

describe("SANDBOX_URL in the configuration", () => {
  it("is the sandbox's https URL, or the start stops naming it", () => {
    expect(loadConfig({ SANDBOX_URL: "https://localhost:3979/" }).sandbox).toEqual({ port: 3979, url: "https://localhost:3979" });
    expect(() => loadConfig({ SANDBOX_URL: "http://localhost:3979" })).toThrow(ConfigError);
    expect(() => loadConfig({ SANDBOX_URL: "https://localhost:3979/x" })).toThrow(/^Configuration error: SANDBOX_URL /);
  });
});

/** Issue 11/13: several app instances, each its own configuration, on one database and one running sandbox. */
describe.each(DATABASE_KINDS.filter((kind) => kind === "postgres"))("two instances sharing one running sandbox (%s)", (kind) => {
  let sandbox: { url: string; child: ChildProcess };
  let sandboxDir: string;
  let database: TestDatabase;
  const instances: TestApp[] = [];

  beforeAll(async () => {
    sandboxDir = mkdtempSync(join(tmpdir(), "rosterlink-shared-sandbox-"));
    sandbox = await startSandboxProcess(sandboxDir);
    database = await freshDatabase(kind);
    // Started together: both seed, on PostgreSQL they take turns and the second finds the rows there.
    instances.push(...(await Promise.all([0, 1].map(() => startTestApp({ sharedDatabase: database, env: { SANDBOX_URL: sandbox.url } })))));
  }, 120_000);
  afterAll(async () => {
    for (const instance of instances) await instance.close();
    await database?.drop();
    sandbox?.child.kill("SIGTERM");
    rmSync(sandboxDir, { recursive: true, force: true });
  });

  it("trust the sandbox's certificate, seed its generated district once, and sign its people in on either instance", async () => {
    expect(instances.map((i) => i.sandbox.httpsUrl)).toEqual([sandbox.url, sandbox.url]);
    const { Organization, User, Membership } = instances[0]!.app.store.models;
    expect(await Organization.count({ where: { name: "District 1 Schools" } })).toBe(1);
    expect(await User.count({ where: { tid: districtTid(1) } })).toBe(1);

    const student = await instances[1]!.call("POST", "/api/session", { as: "s00002@district1.example" });
    expect(student.status).toBe(200);
    expect(student.body).toMatchObject({ user: { accountType: "student" }, membership: { organization: { name: "District 1 Schools" } }, next: "ready" });
    const teacher = await instances[0]!.call("POST", "/api/session", { as: "t00001@district1.example" });
    expect(teacher.body).toMatchObject({ user: { accountType: "teacher" }, next: "ready" });
    const admin = await instances[0]!.call("POST", "/api/session", { as: "admin@district1.example" });
    expect(admin.body).toMatchObject({ membership: { isAdmin: true }, next: "ready" });
    expect(await Membership.count({ where: { organizationId: student.body.membership.organization.id } })).toBe(3);
  });
});
