// `npm start` on a fresh checkout: builds dist/ first when it is missing or older than any source
// it is made from (server folders, the tab, the build configuration), then main starts dist/main.js.
// App Service never runs this: it receives dist/ already built (teamsapp.yml, deploy).
import { existsSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build, serverSources } from "./build.mjs";
import { newest, tabSourcesChangedAt } from "./ensure-tab-built.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const entry = join(root, "dist/main.js");

/** True when dist/main.js is older than a server source or the build's own configuration. */
export function serverBuildIsStale() {
  if (!existsSync(entry)) return true;
  const inputs = [...serverSources(), "tsconfig.json", "tsconfig.build.json", "package.json", "scripts/build.mjs"];
  return Math.max(...inputs.map((name) => newest(join(root, name)))) > statSync(entry).mtimeMs;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const copiedTabAt = newest(join(root, "dist/tab/dist/index.html"));
  const tabStale = copiedTabAt < tabSourcesChangedAt() || copiedTabAt < newest(join(root, "tab/dist/index.html"));
  if (serverBuildIsStale() || tabStale) {
    console.log("Building the server into dist/…");
    build(join(root, "dist"));
  }
}
