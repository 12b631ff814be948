import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import Ajv from "ajv";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BRAND_BLUE, makeColorIcon, makeOutlineIcon } from "../../scripts/make-icons.js";
import { buildAppPackage, PackageError } from "../../scripts/package-app.js";
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

const SCHEMA_PATH = join(ROOT, "appPackage", "schema", "MicrosoftTeams.schema.json");

/** A validator for the vendored Teams manifest schema. */
async function manifestValidator() {
  const schema = JSON.parse(readFileSync(SCHEMA_PATH, "utf8")) as Record<string, unknown>;
  // The schema declares draft-04 but uses draft-06's `const`; Ajv validates it as draft-07,
  // as Teams Toolkit does. The file itself stays byte-for-byte as Microsoft publishes it.
  delete schema.$schema;
  const options = { allErrors: true, strict: false };
  const ajv = new Ajv(options);
  try {
    // Ajv 8 keeps formats in ajv-formats; Ajv 6 has "uri" built in.
    const formatsModule = "ajv-formats";
    const addFormats = ((await import(formatsModule)) as { default: (ajv: unknown) => void }).default;
    addFormats(ajv);
  } catch {
    // not installed: Ajv 6's built-in formats apply
  }
  return ajv.compile(schema);
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

  it("validates against the Teams manifest schema kept in the repository", async () => {
    const validate = await manifestValidator();
    const valid = validate(manifest);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    expect(manifest.$schema).toBe(
      `https://developer.microsoft.com/json-schemas/teams/v${manifest.manifestVersion}/MicrosoftTeams.schema.json`,
    );
  });

  it("is checked by the schema, not waved through: a manifest without a bot id fails it", async () => {
    const validate = await manifestValidator();
    const broken = structuredClone(manifest) as unknown as { bots: { botId?: string }[] };
    delete broken.bots[0]!.botId;
    expect(validate(broken)).toBe(false);
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
    // The tab ends the loading indicator with app.notifySuccess() (SPEC §8).
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
    expect(failure?.stderr).toMatch(/^Cannot build the app package for env "dev": .*TEAMS_APP_ID.*teamsapp provision --env dev/);
  });
});
