/**
 * `npm run validate`: the manifest and the toolkit's project files checked offline against the
 * schemas the Microsoft 365 Agents Toolkit itself validates them with.
 */
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { bundledManifestSchemaPath, validateToolkitYaml } from "../../scripts/validate.js";
import { ROOT } from "./filled-env.js";

const read = (path: string) => readFileSync(join(ROOT, path), "utf8");
const PROJECT_FILES = ["teamsapp.yml", "teamsapp.local.yml"];

describe("npm run validate", () => {
  it("passes on the repository's manifest and both project files", async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", "scripts/validate.ts"], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? "" },
    });
    expect(stdout).toMatch(/^valid: appPackage\/manifest\.json \(manifest 1\.\d+\), teamsapp\.local\.yml, teamsapp\.yml$/m);
  });

  it("fails with one line naming an environment that does not exist", async () => {
    const failure = (await promisify(execFile)(process.execPath, ["--import", "tsx", "scripts/validate.ts", "--env", "nosuchenv"], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? "" },
    }).then(
      () => undefined,
      (error: unknown) => error,
    )) as { code?: number; stderr?: string } | undefined;
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toMatch(/No environment "nosuchenv"/);
  });
});

describe.each(PROJECT_FILES)("%s against the toolkit's schema", (file) => {
  const text = read(file);

  it("is valid for the schema version it declares, and its editor hint names the same version", () => {
    const { version, errors } = validateToolkitYaml(text);
    expect(errors).toEqual([]);
    expect(version).toMatch(/^v1\.\d+$/);
    expect(text.split("\n")[0]).toBe(`# yaml-language-server: $schema=https://aka.ms/m365-agents-toolkits/${version}/yaml.schema.json`);
  });

  it("is checked, not waved through: an option an action does not have fails, naming it", () => {
    const broken = text.replace("      generateClientSecret: true\n", "      generateClientSecret: true\n      signInAudiences: AzureADMyOrg\n");
    expect(broken).not.toBe(text);
    expect(validateToolkitYaml(broken).errors).toContain(
      '/provision/1/with must NOT have additional properties {"additionalProperty":"signInAudiences"}',
    );
  });

  it("names a misspelt action once, and refuses a version the toolkit has no schema for", () => {
    const misspelt = text.replace("- uses: teamsApp/validateAppPackage", "- uses: teamsApp/validateAppPackages");
    expect(validateToolkitYaml(misspelt).errors).toEqual([
      expect.stringMatching(/^\/provision\/\d+\/uses unknown action "teamsApp\/validateAppPackages"$/),
    ]);
    const future = text.replace(/^version: v1\.\d+$/m, "version: v9.9");
    expect(validateToolkitYaml(future).errors).toEqual(['no toolkit schema kept for version "v9.9"']);
  });
});

describe("the manifest schema", () => {
  it("comes from the toolkit's manifest package, for the manifest's own version, never from the network", () => {
    const manifest = JSON.parse(read("appPackage/manifest.json")) as { $schema: string; manifestVersion: string };
    const path = bundledManifestSchemaPath(manifest.$schema);
    expect(path).toContain(join("node_modules", "@microsoft", "app-manifest"));
    expect(path).toContain(`v${manifest.manifestVersion}`);
    expect(() => bundledManifestSchemaPath("https://example.com/MicrosoftTeams.schema.json")).toThrow(/not a Teams manifest schema URL/);
  });
});
