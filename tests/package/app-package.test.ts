import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BRAND_BLUE, makeColorIcon, makeOutlineIcon } from "../../scripts/make-icons.js";
import { buildAppPackage, PackageError } from "../../scripts/package-app.js";
import { newestBundledManifestVersion, validateTeamsManifest } from "../../scripts/validate.js";
import { filledEnvironment, ROOT, writeFilledEnvFiles } from "./filled-env.js";
import { readPng, readZip } from "./read-package.js";

interface TeamsManifest {
  $schema: string;
  manifestVersion: string;
  id: string;
  accentColor: string;
  icons: { color: string; outline: string };
  staticTabs: { entityId: string; contentUrl?: string; scopes: string[] }[];
  bots: { botId: string; scopes: string[]; commandLists: { commands: { title: string }[] }[] }[];
  permissions: string[];
  validDomains: string[];
  webApplicationInfo: { id: string; resource: string };
  showLoadingIndicator: boolean;
}

describe("the Teams app package", () => {
  let workDir: string;
  let manifest: TeamsManifest;
  let entries: Map<string, Buffer>;

  beforeAll(() => {
    workDir = mkdtempSync(join(tmpdir(), "rosterlink-package-"));
    writeFilledEnvFiles(workDir, "dev");
    const built = buildAppPackage({ env: "dev", envDir: workDir, outDir: join(workDir, "build"), processEnv: {} });
    expect(built.zipPath).toBe(join(workDir, "build", "appPackage.dev.zip"));
    entries = readZip(readFileSync(built.zipPath));
    manifest = JSON.parse(readFileSync(built.manifestPath, "utf8")) as TeamsManifest;
  });

  afterAll(() => rmSync(workDir, { recursive: true, force: true }));

  it("holds exactly the manifest and the two icons", () => {
    expect([...entries.keys()].sort()).toEqual(["color.png", "manifest.json", "outline.png"]);
    expect(JSON.parse(entries.get("manifest.json")!.toString("utf8"))).toEqual(manifest);
  });

  it("has every ${{VAR}} filled with the environment's values", () => {
    const text = entries.get("manifest.json")!.toString("utf8");
    expect(text).not.toMatch(/\$\{\{/);
    const env = filledEnvironment("dev");
    expect(manifest.id).toBe(env.TEAMS_APP_ID);
    expect(manifest.bots[0]!.botId).toBe(env.BOT_ID);
    expect(manifest.webApplicationInfo).toEqual({
      id: env.AAD_APP_CLIENT_ID,
      resource: `api://${env.TAB_DOMAIN}/${env.AAD_APP_CLIENT_ID}`,
    });
  });

  it("validates with the toolkit's own validator and bundled schema, at the newest version it bundles", async () => {
    expect(await validateTeamsManifest(manifest as unknown as Record<string, unknown>)).toEqual([]);
    expect(manifest.manifestVersion).toBe(newestBundledManifestVersion());
    expect(manifest.$schema).toBe(
      `https://developer.microsoft.com/json-schemas/teams/v${manifest.manifestVersion}/MicrosoftTeams.schema.json`,
    );
  });

  it("is checked by the schema, not waved through: a manifest without a bot id fails it", async () => {
    const broken = structuredClone(manifest) as unknown as { bots: { botId?: string }[] };
    delete broken.bots[0]!.botId;
    const errors = await validateTeamsManifest(broken as unknown as Record<string, unknown>);
    expect(errors.join("\n")).toMatch(/\/bots\/0 must have required property 'botId'/);
  });

  it("is zipped the way the toolkit's zipAppPackage zips it: the same bytes for the same inputs", () => {
    const again = join(workDir, "again");
    const first = buildAppPackage({ env: "dev", envDir: workDir, outDir: join(workDir, "build"), processEnv: {} });
    const second = buildAppPackage({ env: "dev", envDir: workDir, outDir: again, processEnv: {} });
    expect(readFileSync(second.zipPath).equals(readFileSync(first.zipPath))).toBe(true);
  });

  it("carries a 192×192 colour icon and a 32×32 white-on-transparent outline icon", () => {
    const color = readPng(entries.get(manifest.icons.color)!);
    expect([color.width, color.height]).toEqual([192, 192]);
    const outline = readPng(entries.get(manifest.icons.outline)!);
    expect([outline.width, outline.height]).toEqual([32, 32]);

    // Teams paints the outline icon itself: it may hold only white and transparency.
    const pixels = outline.rgba!;
    let opaque = 0;
    for (let i = 0; i < pixels.length; i += 4) {
      if (pixels[i + 3] === 0) continue;
      opaque++;
      expect([pixels[i], pixels[i + 1], pixels[i + 2]]).toEqual([255, 255, 255]);
    }
    expect(opaque).toBeGreaterThan(50);
    expect(pixels[3]).toBe(0); // corner is transparent

    // The colour icon's background is the manifest's accent colour, fully opaque.
    const corner = [...color.rgba!.subarray(0, 4)];
    expect(corner).toEqual([BRAND_BLUE.r, BRAND_BLUE.g, BRAND_BLUE.b, 255]);
    const accent = `#${[BRAND_BLUE.r, BRAND_BLUE.g, BRAND_BLUE.b].map((c) => c.toString(16).padStart(2, "0")).join("")}`;
    expect(manifest.accentColor.toLowerCase()).toBe(accent);
  });

  it("ships the icons that scripts/make-icons.ts draws", () => {
    expect(readFileSync(join(ROOT, "appPackage", "color.png")).equals(makeColorIcon())).toBe(true);
    expect(readFileSync(join(ROOT, "appPackage", "outline.png")).equals(makeOutlineIcon())).toBe(true);
  });

  it("opens Home and Admin as personal tabs and the bot in personal scope with pending and help", () => {
    const tabs = Object.fromEntries(manifest.staticTabs.map((tab) => [tab.entityId, tab]));
    const endpoint = filledEnvironment("dev").TAB_ENDPOINT;
    expect(tabs.home).toMatchObject({ contentUrl: `${endpoint}/index.html#/home`, scopes: ["personal"] });
    expect(tabs.admin).toMatchObject({ contentUrl: `${endpoint}/index.html#/admin`, scopes: ["personal"] });
    expect(manifest.bots[0]!.scopes).toEqual(["personal"]);
    const commands = manifest.bots[0]!.commandLists.flatMap((list) => list.commands.map((command) => command.title));
    expect(commands).toEqual(["pending", "help"]);
    expect(manifest.permissions).toEqual(["identity"]);
    expect(manifest.validDomains).toContain(filledEnvironment("dev").TAB_DOMAIN);
    // The tab ends the loading indicator with app.notifySuccess() (docs/spec.md §8).
    expect(manifest.showLoadingIndicator).toBe(true);
  });

  it("refuses to build while a variable is empty, naming it", () => {
    const dir = mkdtempSync(join(tmpdir(), "rosterlink-package-"));
    try {
      writeFilledEnvFiles(dir, "dev", { BOT_ID: "" });
      const build = () => buildAppPackage({ env: "dev", envDir: dir, outDir: join(dir, "build"), processEnv: {} });
      expect(build).toThrow(PackageError);
      expect(build).toThrow(/: BOT_ID is empty in env\/\.env\.dev/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("npm run package on the unprovisioned dev template says which variables provision must fill", async () => {
    const run = promisify(execFile)(process.execPath, ["--import", "tsx", "scripts/package-app.ts", "--env", "dev"], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? "" },
    });
    const failure = (await run.then(
      () => undefined,
      (error: unknown) => error,
    )) as { code?: number; stderr?: string } | undefined;
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toMatch(/^Cannot build the app package for env "dev": .*TEAMS_APP_ID.*atk provision --env dev/);
  });
});
