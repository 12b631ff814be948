// Builds the tab only when its build is missing or older than its sources, so `npm start` is quick
// after the first time and a deployed app (built at deploy) starts without rebuilding.
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { spawnSync } from "node:child_process";

const root = new URL("..", import.meta.url).pathname;
const built = join(root, "tab/dist/index.html");
const sources = ["tab/src", "tab/index.html", "tab/auth-end.html", "tab/vite.config.ts", "api/contract", "tab/public"];

function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))));
}

const builtAt = existsSync(built) ? statSync(built).mtimeMs : 0;
const sourcesAt = Math.max(...sources.map((s) => newest(join(root, s))));
if (builtAt >= sourcesAt) process.exit(0);

console.log("Building the tab…");
const result = spawnSync("npx", ["vite", "build", "--config", "tab/vite.config.ts", "--logLevel", "warn"], {
  cwd: root,
  stdio: "inherit",
});
process.exit(result.status ?? 1);
