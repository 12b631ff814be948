// `npm run build`: compiles the server (main.ts and every folder tsconfig.build.json names) to
// JavaScript in dist/, copies the non-TypeScript files those folders load at run time (the sandbox's
// Teams host script and styles), builds the tab when it is stale and puts its build beside the
// server (dist/tab/dist, where dist/main.js looks for it), and writes dist/package.json: the
// deployable unit App Service installs (production dependencies only) and starts with `node main.js`.
//
//   node scripts/build.mjs                  build into dist/
//   node scripts/build.mjs --out-dir <dir>  build elsewhere inside the repository (tests)
//
// Plain JavaScript on purpose: it must run where tsx is not installed.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { buildTabIfStale } from "./ensure-tab-built.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

function parseOutDir(argv) {
  const index = argv.indexOf("--out-dir");
  const value = index >= 0 ? argv[index + 1] : "dist";
  if (!value) throw new Error("--out-dir needs a folder");
  const outDir = resolve(root, value);
  // Outside the repository, Node could not find node_modules from the built files.
  if (relative(root, outDir).startsWith("..")) throw new Error(`--out-dir must be inside ${root}`);
  return outDir;
}

/** The folders (and main.ts) tsconfig.build.json compiles: its "include" globs, top segment only. */
export function serverSources() {
  const config = JSON.parse(readFileSync(join(root, "tsconfig.build.json"), "utf8"));
  return [...new Set(config.include.map((glob) => glob.split("/")[0]))].filter((name) => existsSync(join(root, name)));
}

/** Files the server reads at run time that tsc does not emit: everything but TypeScript sources. */
function copyAssets(from, to) {
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = join(from, entry.name);
    if (entry.isDirectory()) copyAssets(source, join(to, entry.name));
    else if (!/\.(ts|tsx|mts|cts)$/.test(entry.name)) {
      mkdirSync(to, { recursive: true });
      cpSync(source, join(to, entry.name));
    }
  }
}

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/** dist/package.json: what App Service installs (no devDependencies, no build scripts) and how it starts. */
function deployManifest() {
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  return {
    name: pkg.name,
    version: pkg.version,
    private: true,
    description: pkg.description,
    type: "module",
    engines: pkg.engines,
    scripts: { start: "node --disable-warning=DEP0111 main.js" },
    dependencies: pkg.dependencies,
  };
}

export function build(outDir) {
  const started = Date.now();
  for (const name of serverSources()) rmSync(join(outDir, name.replace(/\.ts$/, ".js")), { recursive: true, force: true });
  run(process.execPath, [join(root, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.build.json", "--outDir", outDir]);
  for (const name of serverSources()) {
    if (statSync(join(root, name)).isDirectory()) copyAssets(join(root, name), join(outDir, name));
  }

  if (!buildTabIfStale()) process.exit(1);
  rmSync(join(outDir, "tab"), { recursive: true, force: true });
  cpSync(join(root, "tab/dist"), join(outDir, "tab/dist"), { recursive: true });

  // In sandbox mode the sandbox reads the app registration's redirect URIs from it, as provisioning does.
  cpSync(join(root, "aad.manifest.json"), join(outDir, "aad.manifest.json"));
  writeFileSync(join(outDir, "package.json"), `${JSON.stringify(deployManifest(), null, 2)}\n`);
  // The lock file pins the same versions on App Service; npm drops the devDependencies it lists.
  cpSync(join(root, "package-lock.json"), join(outDir, "package-lock.json"));
  console.log(`built ${relative(root, outDir) || "."}/ in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  build(parseOutDir(process.argv.slice(2)));
}
