import { afterAll, beforeAll, expect } from "vitest";
import { startTestApp, type TestApp, type TestAppOptions } from "./app.js";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import axe from "axe-core";
import { chromium, type Browser, type BrowserContext, type Frame, type Page } from "playwright-core";

/** Screenshots of every page the browser tests visit (git-ignored; CI keeps them as artifacts). */
export const ARTIFACTS_DIR = join(process.cwd(), "test-artifacts", "tab");

export interface TestBrowser {
  browser: Browser;
  /** A fresh context (own cookies and storage) per persona; closed with the browser. */
  newContext(): Promise<BrowserContext>;
  close(): Promise<void>;
}

/** Debian's chromium, headless, with nothing that phones home; one per test file. */
export async function launchBrowser(): Promise<TestBrowser> {
  // Playwright gives every launch a fresh temporary profile (it refuses an explicit --user-data-dir).
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-quic",
      "--no-first-run",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  return {
    browser,
    newContext: () => browser.newContext({ viewport: { width: 1280, height: 900 } }),
    async close() {
      await browser.close();
    },
  };
}

export interface HostOptions {
  tab?: "home" | "admin";
  theme?: "default" | "dark" | "contrast";
}

/** Opens the sandbox's Teams host as a persona and waits until the tab called app.notifySuccess(). */
export async function openInTeams(page: Page, sandboxHttpUrl: string, upn: string, options: HostOptions = {}): Promise<Frame> {
  const url = new URL(`${sandboxHttpUrl}/teams`);
  url.searchParams.set("upn", upn);
  if (options.tab) url.searchParams.set("tab", options.tab);
  if (options.theme) url.searchParams.set("theme", options.theme);
  await page.goto(url.toString());
  await waitForTab(page);
  return tabFrame(page);
}

/** Waits for the host's record of notifySuccess (or fails with the tab's notifyFailure reason). */
export async function waitForTab(page: Page): Promise<void> {
  await page.waitForFunction(() => document.body.dataset.tabState === "ready" || document.body.dataset.tabState === "failed", null, { timeout: 15_000 });
  const failure = await page.evaluate(() => (window as any).__teamsHost.failure);
  if (failure) throw new Error(`the tab reported notifyFailure: ${JSON.stringify(failure)}`);
}

export function tabFrame(page: Page): Frame {
  const frame = page.frames().find((f) => f !== page.mainFrame() && f.url().includes("/index.html"));
  if (!frame) throw new Error(`no tab frame among ${page.frames().map((f) => f.url()).join(", ")}`);
  return frame;
}

/** Reloads the host page (the tab signs in again) and returns the new tab frame. */
export async function reloadTeams(page: Page): Promise<Frame> {
  await page.reload();
  await waitForTab(page);
  return tabFrame(page);
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/** Runs axe-core in a frame and returns the serious and critical violations (docs/spec.md §8). */
export async function seriousViolations(frame: Frame): Promise<AxeViolation[]> {
  if (!(await frame.evaluate(() => "axe" in window))) await frame.evaluate(axe.source);
  const violations = await frame.evaluate(async () => {
    // Tabster's focus sentinels (Fluent UI's focus management) are hidden, focusable on purpose and move
    // focus on at once; Fluent's own accessibility tests leave them out the same way.
    const result = await (window as any).axe.run({ include: [["html"]], exclude: [["[data-tabster-dummy]"]] }, { resultTypes: ["violations"] });
    return result.violations.map((v: any) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n: any) => n.target.join(" ")) }));
  });
  return (violations as AxeViolation[]).filter((v) => v.impact === "serious" || v.impact === "critical");
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS_DIR, `${name}.png`) });
}

/**
 * One app (with its sandbox) and one browser for a whole test file, started together and closed
 * after it; each journey opens its own browser context. `options` go to the app (e.g. `now`, to move
 * its clock a day on, as the API tests do).
 */
export function appAndBrowserForThisFile(options: TestAppOptions = {}): { app: TestApp; browser: TestBrowser } {
  const env = {} as { app: TestApp; browser: TestBrowser };
  beforeAll(async () => {
    [env.app, env.browser] = await Promise.all([startTestApp(options), launchBrowser()]);
  });
  afterAll(async () => {
    await env.browser?.close();
    await env.app?.close();
  });
  return env;
}

/** Checks the page as it is in light, then switches the host to dark (live) and checks again with axe. */
export async function expectAccessibleInBothThemes(page: Page, tab: Frame, name: string): Promise<void> {
  for (const theme of ["default", "dark"] as const) {
    await page.getByLabel("Theme").selectOption(theme);
    await tab.waitForFunction((t) => document.querySelector("[data-theme]")?.getAttribute("data-theme") === t, theme);
    await screenshot(page, `${name}-${theme === "default" ? "light" : "dark"}`);
    const violations = await seriousViolations(tab);
    expect(violations, `${name} in ${theme}: ${JSON.stringify(violations, null, 2)}`).toEqual([]);
  }
}
