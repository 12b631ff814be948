/**
 * `npm run bench:tab` (builds the tab first): how heavy and how quick the tab's first screen is.
 * - the gzip size of every JavaScript file the browser loads for `#/home` until notifySuccess
 *   (measured from what Chromium actually requested, gzipped at level 9 from tab/dist);
 * - the time from opening the sandbox's Teams host page to the tab's app.notifySuccess(), median of
 *   10 in headless Chromium: cold (a fresh browser profile each time) and warm (a reload).
 * Goals (issue 6): at most 200 kB gzip, at most 1 s. Writes a dated row into bench/RESULTS.md.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import type { Page } from "playwright-core";
import { startRosterLink } from "../../main.js";
import { launchBrowser, waitForTab } from "../../tests/helpers/browser.js";

const RUNS = 10;
const PERSONA = "principal@contoso.example";
const HERE = fileURLToPath(new URL(".", import.meta.url));
const DIST = resolve(HERE, "../../tab/dist");
const RESULTS = resolve(HERE, "../RESULTS.md");
const GOAL_KB = 200;
const GOAL_MS = 1000;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

/** Opens the host page and returns the host's own clock at notifySuccess (ms since the page's navigation). */
async function timeToSuccess(page: Page, url: string, reload: boolean): Promise<number> {
  if (reload) await page.reload();
  else await page.goto(url);
  await waitForTab(page);
  return page.evaluate(() => (window as any).__teamsHost.successAt as number);
}

async function main(): Promise<void> {
  if (!existsSync(join(DIST, "index.html"))) throw new Error("tab/dist is missing: run `npm run build:tab` first");
  const dataDir = mkdtempSync(join(tmpdir(), "rosterlink-bench-tab-"));
  const app = await startRosterLink({
    env: { LOG_LEVEL: "warn" },
    override: { port: 0, host: "127.0.0.1", sandboxPort: 0, dataDir, database: { dialect: "sqlite", path: join(dataDir, "bench.sqlite") } },
  });
  const browser = await launchBrowser();
  try {
    const hostUrl = `${app.sandbox!.httpUrl}/teams?upn=${encodeURIComponent(PERSONA)}`;

    // What the first screen loads: every script from the app's origin before notifySuccess.
    const scripts = new Set<string>();
    const sizingContext = await browser.newContext();
    const sizingPage = await sizingContext.newPage();
    sizingPage.on("request", (request) => {
      const url = new URL(request.url());
      if (url.origin === new URL(app.url).origin && url.pathname.endsWith(".js")) scripts.add(url.pathname);
    });
    await timeToSuccess(sizingPage, hostUrl, false);
    const gzipBytes = [...scripts].reduce((sum, path) => sum + gzipSync(readFileSync(join(DIST, path)), { level: 9 }).length, 0);
    await sizingContext.close();

    const cold: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const context = await browser.newContext();
      cold.push(await timeToSuccess(await context.newPage(), hostUrl, false));
      await context.close();
    }
    const warmContext = await browser.newContext();
    const warmPage = await warmContext.newPage();
    await timeToSuccess(warmPage, hostUrl, false);
    const warm: number[] = [];
    for (let i = 0; i < RUNS; i++) warm.push(await timeToSuccess(warmPage, hostUrl, true));
    await warmContext.close();

    const kb = gzipBytes / 1000;
    const coldMs = Math.round(median(cold));
    const warmMs = Math.round(median(warm));
    const verdict = `${kb <= GOAL_KB ? "size ok" : "size OVER"}, ${coldMs <= GOAL_MS ? "time ok" : "time OVER"}`;
    process.stdout.write(
      `first screen: ${scripts.size} scripts, ${kb.toFixed(1)} kB gzip (goal ≤ ${GOAL_KB})\n` +
        `host → notifySuccess, median of ${RUNS}: cold ${coldMs} ms, warm ${warmMs} ms (goal ≤ ${GOAL_MS})\n` +
        `cold runs: ${cold.map((v) => Math.round(v)).join(", ")}\n`,
    );
    // Timings depend on what else the machine is doing; the load average says how busy it was.
    const load = `${loadavg()[0]!.toFixed(1)}/${cpus().length}`;
    recordResult(`| ${new Date().toISOString().slice(0, 16).replace("T", " ")} | ${process.version} | ${scripts.size} | ${kb.toFixed(1)} | ${coldMs} | ${warmMs} | ${verdict} (load ${load}) |`);
  } finally {
    await browser.close();
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const SECTION = "## tab (`npm run bench:tab`)";
const SECTION_INTRO =
  `${SECTION}\n\nJavaScript the first screen (\`#/home\`, a returning org admin) loads until notifySuccess, gzip -9; and the time\n` +
  "from opening the sandbox's Teams host page to the tab's `app.notifySuccess()` in headless Chromium, median of 10\n" +
  "(cold: a fresh browser profile each run; warm: reloads). Goals: ≤ 200 kB gzip, ≤ 1000 ms cold.\n\n" +
  "| date | node | scripts | kB gzip | cold ms | warm ms | verdict |\n|---|---|---|---|---|---|---|\n";

/**
 * Adds a row to this benchmark's own table. Other benchmarks append their rows at the end of the
 * file, so this section goes right below the title (never after theirs) and rows go at its end;
 * nothing already in the file is changed.
 */
function recordResult(row: string): void {
  const text = existsSync(RESULTS) ? readFileSync(RESULTS, "utf8") : "# Benchmark results\n\n";
  if (!text.includes(SECTION)) {
    const titleEnd = text.startsWith("# ") ? text.indexOf("\n") + 1 : 0;
    const rest = text.slice(titleEnd).replace(/^\n+/, "");
    writeFileSync(RESULTS, `${text.slice(0, titleEnd)}\n${SECTION_INTRO}${row}\n\n${rest}`);
    return;
  }
  const start = text.indexOf(SECTION);
  const nextSection = text.indexOf("\n## ", start + SECTION.length);
  const sectionEnd = nextSection === -1 ? text.length : nextSection;
  const section = text.slice(start, sectionEnd).replace(/\n+$/, "");
  writeFileSync(RESULTS, `${text.slice(0, start)}${section}\n${row}\n${nextSection === -1 ? "" : "\n"}${text.slice(sectionEnd).replace(/^\n+/, "")}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:tab failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
