// Builds the tab only when its build is missing or older than its sources, so `npm start` is quick
// after the first time and a deployed app (built at deploy) starts without rebuilding.
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const built = join(root, "tab/dist/index.html");
// The tab imports the contract: api/contract before the structure refactor, contract/ after it.
const sources = ["tab/src", "tab/index.html", "tab/auth-end.html", "tab/vite.config.ts", "api/contract", "contract", "tab/public"];

/** The newest modification time under a path (0 when it does not exist). */
export function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))));
}

/** When the tab's newest source changed. */
export function tabSourcesChangedAt() {
  return Math.max(...sources.map((s) => newest(join(root, s))));
}

/** Builds tab/dist when stale; true when it is up to date afterwards. */
export function buildTabIfStale() {
  if (newest(built) >= tabSourcesChangedAt()) return true;
  console.log("Building the tab…");
  const vite = join(root, "node_modules/vite/bin/vite.js");
  const result = spawnSync(process.execPath, [vite, "build", "--config", "tab/vite.config.ts", "--logLevel", "warn"], {
    cwd: root,
    stdio: "inherit",
  });
  return result.status === 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exit(buildTabIfStale() ? 0 : 1);
}
