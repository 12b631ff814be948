/**
 * `npm run validate`: checks, offline, what the Microsoft 365 Agents Toolkit (`atk`) would refuse
 * before it talks to Microsoft:
 *   appPackage/manifest.json   against the Teams manifest schema of its own manifestVersion, with
 *                              the validator and schemas the toolkit bundles (@microsoft/app-manifest)
 *   teamsapp*.yml              against the toolkit's project-file schema for their `version:`, the
 *                              way the toolkit's own parser validates them (ajv, draft-07)
 *
 *   npm run validate                 placeholders get example values of the right shape
 *   npm run validate -- --env dev    placeholders filled from env/.env.dev (+ .user), as provision would
 *
 * Exits 1 naming every problem. Nothing here fetches: a schema the packages do not bundle is an error.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import appManifest from "@microsoft/app-manifest";
import Ajv, { type ErrorObject } from "ajv";
import { parse as parseYaml } from "yaml";
import { fillTemplate, loadEnvironment, PackageError, placeholderNames } from "./package-app.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const { AppManifestUtils } = appManifest;

/** Where @microsoft/app-manifest keeps its bundled schemas, by URL path under developer.microsoft.com. */
const BUNDLED_SCHEMAS = join(dirname(createRequire(import.meta.url).resolve("@microsoft/app-manifest")), "..");

/**
 * The toolkit's project-file schemas, as its engine (@microsoft/teamsfx-core, resource/yaml-schema)
 * ships them. That package is ~45 MB with 60 dependencies for one JSON file per version, so the
 * version this project declares is kept here, unchanged: scripts/schemas/teamsapp-yaml-<version>.schema.json.
 */
const YAML_SCHEMAS = join(ROOT, "scripts", "schemas");

/** The Teams manifest schema the toolkit bundles for a manifest's $schema URL, or an error naming why not. */
export function bundledManifestSchemaPath(schemaUrl: string): string {
  const match = /^https:\/\/developer\.microsoft\.com\/(?:[a-z]{2}(?:-[a-z]{2})?\/)?(json-schemas\/teams\/v[\w.]+\/MicrosoftTeams\.schema\.json)$/i.exec(
    schemaUrl,
  );
  if (!match) throw new PackageError(`$schema ${schemaUrl} is not a Teams manifest schema URL`);
  const path = join(BUNDLED_SCHEMAS, "build", match[1]!);
  if (!existsSync(path)) throw new PackageError(`@microsoft/app-manifest bundles no schema for ${schemaUrl}`);
  return path;
}

/** The newest manifest version the toolkit's manifest package bundles a schema for (e.g. "1.30"). */
export function newestBundledManifestVersion(): string {
  const versions = readdirSync(join(BUNDLED_SCHEMAS, "build", "json-schemas", "teams"))
    .map((name) => /^v(\d+)\.(\d+)$/.exec(name))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => [Number(match[1]), Number(match[2])] as const)
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const [major, minor] = versions.at(-1)!;
  return `${major}.${minor}`;
}

/** Schema errors of a filled Teams manifest, as `atk`'s teamsApp/validateManifest reports them. */
export async function validateTeamsManifest(manifest: Record<string, unknown>): Promise<string[]> {
  const schemaUrl = String(manifest.$schema ?? "");
  bundledManifestSchemaPath(schemaUrl);
  // fetchSchema reads the bundled file (checked above), so this never goes to the network.
  const schema = await AppManifestUtils.fetchSchema(schemaUrl);
  return AppManifestUtils.validateAgainstSchema(manifest as never, schema as never);
}

/** Schema errors of a teamsapp*.yml, against the toolkit's schema for the version it declares. */
export function validateToolkitYaml(text: string): { version: string; errors: string[] } {
  const document = parseYaml(text) as Record<string, unknown> | null;
  const version = typeof document?.version === "string" ? document.version : "";
  const schemaPath = join(YAML_SCHEMAS, `teamsapp-yaml-${version}.schema.json`);
  if (!existsSync(schemaPath)) return { version, errors: [`no toolkit schema kept for version "${version}"`] };
  const errors: string[] = [];
  const declared = /^# yaml-language-server: \$schema=(\S+)$/m.exec(text)?.[1];
  if (declared !== `https://aka.ms/m365-agents-toolkits/${version}/yaml.schema.json`) {
    errors.push(`the yaml-language-server $schema comment (${declared ?? "none"}) does not name version ${version}`);
  }
  // As the toolkit's own validator: union types allowed, its editor-only keyword known.
  const ajv = new Ajv({ allowUnionTypes: true, allErrors: true, strict: false });
  ajv.addKeyword("deprecationMessage");
  const schema = JSON.parse(readFileSync(schemaPath, "utf8")) as { definitions: Record<string, unknown> };
  const validate = ajv.compile(schema);
  if (validate(document)) return { version, errors };
  const format = (at: string, error: ErrorObject) => `${at}${error.instancePath} ${error.message ?? ""} ${JSON.stringify(error.params)}`;
  // Every action is checked against every kind of action's schema (a oneOf), which buries one mistake
  // under dozens of errors: report each action against the schema of the action it uses instead.
  for (const error of validate.errors ?? []) {
    if (!/^\/\w+\/\d+(\/|$)/.test(error.instancePath)) errors.push(format("", error));
  }
  const kinds = (schema.definitions.lifeCycleArray as { items: { anyOf: { $ref: string }[] } }).items.anyOf.map((kind) =>
    ajv.compile({ $ref: kind.$ref, definitions: schema.definitions }),
  );
  for (const [stage, actions] of Object.entries(document ?? {})) {
    if (!Array.isArray(actions)) continue;
    actions.forEach((action: { uses?: unknown }, index) => {
      const at = `/${stage}/${index}`;
      const outcomes = kinds.map((check) => (check(action) ? [] : (check.errors ?? [])));
      if (outcomes.some((found) => found.length === 0)) return;
      // The kind of action used is the one whose schema does not object to `uses:` itself.
      const used = outcomes.find((found) => !found.some((error) => error.instancePath === "/uses" && error.keyword === "const"));
      if (!used) return errors.push(`${at}/uses unknown action ${JSON.stringify(action?.uses)}`);
      for (const error of used) errors.push(format(at, error));
    });
  }
  if (errors.length === 0) errors.push(...(validate.errors ?? []).map((error) => format("", error)));
  return { version, errors: [...new Set(errors)] };
}

/** Example values of the right shape for a template's placeholders, by the toolkit's naming. */
export function exampleValues(template: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const name of placeholderNames(template)) {
    if (name === "APP_NAME_SUFFIX") values[name] = "";
    else if (/_DOMAIN$/.test(name)) values[name] = "rosterlink.example.com";
    else if (/_ENDPOINT$/.test(name)) values[name] = "https://rosterlink.example.com";
    else if (/(_ID|_CLIENT_ID)$/.test(name)) values[name] = "00000000-0000-4000-8000-000000000000";
    else throw new PackageError(`no example value for \${{${name}}}: add one in scripts/validate.ts`);
  }
  return values;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const envName = argv[0] === "--env" ? argv[1] : argv[0]?.startsWith("--env=") ? argv[0].slice(6) : undefined;
  const problems: string[] = [];

  const template = readFileSync(join(ROOT, "appPackage", "manifest.json"), "utf8");
  const values = envName ? { ...exampleValues(template), ...loadEnvironment(envName) } : exampleValues(template);
  const manifest = JSON.parse(fillTemplate(template, values, envName ?? "example")) as Record<string, unknown>;
  for (const error of await validateTeamsManifest(manifest)) problems.push(`appPackage/manifest.json: ${error}`);
  if (manifest.manifestVersion !== newestBundledManifestVersion()) {
    console.log(`note: manifestVersion ${String(manifest.manifestVersion)}; the toolkit bundles up to ${newestBundledManifestVersion()}`);
  }

  const ymls = readdirSync(ROOT).filter((name) => /^teamsapp(\.[\w-]+)?\.yml$/.test(name));
  for (const name of ymls) {
    const { errors } = validateToolkitYaml(readFileSync(join(ROOT, name), "utf8"));
    for (const error of errors) problems.push(`${name}: ${error}`);
  }

  if (problems.length > 0) {
    console.error(problems.join("\n"));
    process.exitCode = 1;
    return;
  }
  console.log(`valid: appPackage/manifest.json (manifest ${String(manifest.manifestVersion)}), ${ymls.join(", ")}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    if (!(error instanceof PackageError)) throw error;
    console.error(error.message);
    process.exitCode = 1;
  });
}
