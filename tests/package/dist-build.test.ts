/**
 * Production runs compiled JavaScript: `npm run build` emits the server and the tab to a folder,
 * and `node <folder>/main.js` starts from it alone. Node 20 cannot load a .ts file at all (and no
 * tsx loader is given), so a start that reaches /api/health and signs a persona in proves the
 * production start path imports nothing from the TypeScript sources.
 */
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "./filled-env.js";
import { startProcess } from "../helpers/child-process.js";

// Inside the repository, so the built files find node_modules as App Service's install provides it.
const outDir = join(ROOT, "test-artifacts", `dist-${process.pid}`);
const dataDir = mkdtempSync(join(tmpdir(), "rosterlink-dist-"));

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [relative(outDir, join(dir, entry.name))],
  );
}

const startBuilt = (env: Record<string, string>) =>
  startProcess(process.execPath, ["--disable-warning=DEP0111", join(outDir, "main.js")], dataDir, env);

describe("the built server (dist/)", () => {
  let built: string[];

  beforeAll(async () => {
    mkdirSync(outDir, { recursive: true });
    await promisify(execFile)(process.execPath, ["scripts/build.mjs", "--out-dir", relative(ROOT, outDir)], {
      cwd: ROOT,
      maxBuffer: 16 * 1024 * 1024,
    });
    built = filesUnder(outDir);
  }, 300_000);

  afterAll(() => {
    rmSync(outDir, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("holds JavaScript, the sandbox's assets and the tab's build, and no TypeScript source", () => {
    expect(built).toEqual(expect.arrayContaining(["main.js", "api/config.js", "bot/index.js", "sandbox/index.js"]));
    expect(built).toEqual(expect.arrayContaining(["sandbox/teams-host/host-script.js", "sandbox/teams-host/host.css"]));
    expect(built).toContain("tab/dist/index.html");
    expect(built.filter((file) => /\.(ts|tsx)$/.test(file))).toEqual([]);
  });

  it("carries a package.json that App Service installs without devDependencies and starts with node", () => {
    const deploy = JSON.parse(readFileSync(join(outDir, "package.json"), "utf8")) as {
      type: string;
      scripts: Record<string, string>;
      dependencies: Record<string, string>;
      devDependencies?: unknown;
    };
    expect(deploy.type).toBe("module");
    expect(deploy.scripts).toEqual({ start: "node --disable-warning=DEP0111 main.js" });
    expect(deploy.devDependencies).toBeUndefined();
    expect(Object.keys(deploy.dependencies)).not.toContain("tsx");
    expect(Object.keys(deploy.dependencies)).not.toContain("typescript");
  });

  it("starts in sandbox mode with node alone, serves the tab and signs a persona in over HTTP", async () => {
    const proc = startBuilt({ PORT: "0", SANDBOX_PORT: "0", DATA_DIR: dataDir, LOG_LEVEL: "warn" });
    try {
      const deadline = Date.now() + 60_000;
      while (!/running in sandbox mode/.test(proc.out()) && Date.now() < deadline) {
        if (proc.child.exitCode !== null) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const line = proc.out().split("\n").find((l) => l.includes("running in sandbox mode"));
      expect(line, proc.err()).toBeDefined();
      const sandboxUrl = /open (http:\/\/localhost:\d+)\//.exec(line!)![1]!;
      const appUrl = /\(app: (http:\/\/localhost:\d+)\)/.exec(line!)![1]!;

      expect((await fetch(`${appUrl}/api/health`)).status).toBe(200);
      const tab = await fetch(`${appUrl}/index.html`);
      expect(tab.status).toBe(200);
      expect(await tab.text()).toMatch(/<script type="module"/);
      expect((await fetch(`${sandboxUrl}/teams/host.js`)).status).toBe(200);

      const minted = await fetch(`${sandboxUrl}/sandbox/token`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ upn: "student@contoso.example" }),
      });
      expect(minted.status).toBe(200);
      const { access_token: token } = (await minted.json()) as { access_token: string };
      const session = await fetch(`${appUrl}/api/session`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: "{}",
      });
      expect(session.status).toBe(200);
      const body = (await session.json()) as { user: { email: string }; membership: { organization: { name: string } } };
      expect(body.user.email).toBe("student@contoso.example");
      expect(body.membership.organization.name).toBe("Contoso High School");
    } finally {
      proc.child.kill("SIGTERM");
    }
    expect(await proc.exited).toBe(0);
  }, 90_000);
});
