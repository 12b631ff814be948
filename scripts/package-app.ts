/**
 * Builds the Teams app package for one environment offline, the way `atk provision` does with
 * `teamsApp/zipAppPackage` (teamsapp.yml), for when no toolkit is at hand:
 *   appPackage/build/appPackage.<env>.zip   manifest.json + color.png + outline.png
 *   appPackage/build/manifest.<env>.json    the manifest with every ${{VAR}} filled in
 *
 *   npm run package                 env "local"
 *   npm run package -- --env dev
 *
 * Values come from env/.env.<env>, then env/.env.<env>.user; a variable that is empty in both
 * is taken from the process environment. Any placeholder still empty stops the build with a
 * message naming every such variable: a package with a hole in it would install and then fail
 * in Teams, far from the cause.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import AdmZip from "adm-zip";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");

const ICON_SIZES = { color: 192, outline: 32 } as const;

/** Thrown for anything that keeps the package from being built; its message is the whole story. */
export class PackageError extends Error {
  override name = "PackageError";
}

/** Placeholders that may be empty: a production environment has no name suffix. */
const MAY_BE_EMPTY = new Set(["APP_NAME_SUFFIX"]);

const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/** The names of the ${{VAR}} placeholders in a text, each once, in order of appearance. */
export function placeholderNames(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((match) => match[1]!))];
}

/** Parses a dotenv file as Teams Toolkit writes them: KEY=value, # comments, optional quotes. */
export function parseEnvFile(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (line === "" || line.startsWith("#")) continue;
    const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!match) continue;
    const [, key, rest] = match as unknown as [string, string, string];
    const quoted = /^(["'])(.*)\1\s*(?:#.*)?$/.exec(rest);
    if (quoted) {
      values[key] = quoted[1] === '"' ? quoted[2]!.replace(/\\n/g, "\n").replace(/\\"/g, '"') : quoted[2]!;
    } else {
      values[key] = rest.replace(/\s+#.*$/, "").trim();
    }
  }
  return values;
}

/** env/.env.<name> overlaid with env/.env.<name>.user (when it exists). */
export function loadEnvironment(envName: string, envDir = join(ROOT, "env")): Record<string, string> {
  const file = join(envDir, `.env.${envName}`);
  if (!existsSync(file)) {
    throw new PackageError(`No environment "${envName}": ${relative(process.cwd(), file) || file} does not exist.`);
  }
  const values = parseEnvFile(readFileSync(file, "utf8"));
  const userFile = `${file}.user`;
  if (existsSync(userFile)) Object.assign(values, parseEnvFile(readFileSync(userFile, "utf8")));
  return values;
}

/**
 * Replaces every ${{VAR}} in a JSON template. Values are JSON-escaped because every placeholder
 * sits inside a JSON string. Throws naming all variables that have no value.
 */
export function fillTemplate(template: string, values: Record<string, string | undefined>, envName: string): string {
  const missing = placeholderNames(template).filter((name) => !values[name] && !MAY_BE_EMPTY.has(name));
  if (missing.length > 0) {
    const remedy =
      envName === "local"
        ? "Run `atk provision --env local` (teamsapp.local.yml, docs/deploy.md) to fill them, or set them by hand."
        : `Run \`atk provision --env ${envName}\` to fill them, or set them by hand.`;
    throw new PackageError(
      `Cannot build the app package for env "${envName}": ${missing.join(", ")} ` +
        `${missing.length === 1 ? "is" : "are"} empty in env/.env.${envName} (and env/.env.${envName}.user). ${remedy}`,
    );
  }
  return template.replace(PLACEHOLDER, (_, name: string) => JSON.stringify(values[name] ?? "").slice(1, -1));
}

/** Width and height from a PNG's IHDR chunk. */
export function pngSize(png: Buffer): { width: number; height: number } {
  const signature = "89504e470d0a1a0a";
  if (png.length < 24 || png.subarray(0, 8).toString("hex") !== signature || png.toString("ascii", 12, 16) !== "IHDR") {
    throw new PackageError("not a PNG file");
  }
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

export interface ZipEntry {
  name: string;
  data: Buffer;
}

/** Zip entries' timestamp: fixed, so the same inputs always give the same bytes. */
const ZIP_TIME = new Date(1980, 0, 1);

/**
 * The package as the toolkit's `teamsApp/zipAppPackage` writes it, with the zip library the toolkit
 * itself uses (adm-zip): entries at the root, deflated.
 */
export function writeZip(entries: ZipEntry[]): Buffer {
  const zip = new AdmZip();
  for (const entry of entries) zip.addFile(entry.name, entry.data).header.time = ZIP_TIME;
  return zip.toBuffer();
}

export interface BuildOptions {
  env: string;
  /** Folder with the env files; default env/. */
  envDir?: string;
  /** Folder with manifest.json and the icons; default appPackage/. */
  appPackageDir?: string;
  /** Where the zip and the filled manifest go; default appPackage/build/. */
  outDir?: string;
  /** Fallback for variables empty in the env files; default process.env. */
  processEnv?: Record<string, string | undefined>;
}

export interface BuiltPackage {
  zipPath: string;
  manifestPath: string;
  manifest: Record<string, unknown>;
}

export function buildAppPackage(options: BuildOptions): BuiltPackage {
  const appPackageDir = options.appPackageDir ?? join(ROOT, "appPackage");
  const outDir = options.outDir ?? join(appPackageDir, "build");
  const fromFiles = loadEnvironment(options.env, options.envDir);
  const processEnv = options.processEnv ?? process.env;
  const values: Record<string, string | undefined> = { ...fromFiles };
  for (const [name, value] of Object.entries(processEnv)) {
    if (!values[name] && value) values[name] = value;
  }

  const template = readFileSync(join(appPackageDir, "manifest.json"), "utf8");
  const manifestText = fillTemplate(template, values, options.env);
  const manifest = JSON.parse(manifestText) as { icons?: { color?: string; outline?: string } };

  const entries: ZipEntry[] = [{ name: "manifest.json", data: Buffer.from(manifestText, "utf8") }];
  for (const kind of ["color", "outline"] as const) {
    const iconName = manifest.icons?.[kind];
    if (!iconName) throw new PackageError(`manifest.json names no ${kind} icon`);
    const iconPath = join(appPackageDir, iconName);
    if (!existsSync(iconPath)) throw new PackageError(`The ${kind} icon ${iconName} is missing from appPackage/`);
    const data = readFileSync(iconPath);
    const { width, height } = pngSize(data);
    const expected = ICON_SIZES[kind];
    if (width !== expected || height !== expected) {
      throw new PackageError(`The ${kind} icon ${iconName} is ${width}×${height}; Teams requires ${expected}×${expected}.`);
    }
    entries.push({ name: iconName, data });
  }

  mkdirSync(outDir, { recursive: true });
  const zipPath = join(outDir, `appPackage.${options.env}.zip`);
  const manifestPath = join(outDir, `manifest.${options.env}.json`);
  writeFileSync(zipPath, writeZip(entries));
  writeFileSync(manifestPath, manifestText);
  return { zipPath, manifestPath, manifest: manifest as Record<string, unknown> };
}

function parseArguments(argv: string[]): { env: string; help: boolean } {
  let env = "local";
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const argument = argv[i]!;
    if (argument === "--help" || argument === "-h") help = true;
    else if (argument === "--env") env = argv[++i] ?? "";
    else if (argument.startsWith("--env=")) env = argument.slice("--env=".length);
    else throw new PackageError(`Unknown argument ${argument}. Usage: npm run package -- [--env <name>]`);
  }
  if (!/^[A-Za-z0-9_-]+$/.test(env)) throw new PackageError(`--env needs an environment name such as dev, got "${env}"`);
  return { env, help };
}

function main(): void {
  try {
    const { env, help } = parseArguments(process.argv.slice(2));
    if (help) {
      console.log(
        "Usage: npm run package -- [--env <name>]   (default: local)\n" +
          "Fills appPackage/manifest.json from env/.env.<name> and env/.env.<name>.user (then the process\n" +
          "environment for variables empty there) and writes appPackage/build/appPackage.<name>.zip.",
      );
      return;
    }
    const built = buildAppPackage({ env });
    console.log(`wrote ${relative(process.cwd(), built.zipPath)} and ${relative(process.cwd(), built.manifestPath)}`);
  } catch (error) {
    if (!(error instanceof PackageError)) throw error;
    console.error(error.message);
    process.exitCode = 1;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
