import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { appAndBrowserForThisFile, openInTeams, screenshot, seriousViolations } from "../helpers/browser.js";

// One app, one sandbox and one browser for the whole file; each journey gets its own browser context.
const env = appAndBrowserForThisFile();

async function newPage(): Promise<Page> {
  return (await env.browser.newContext()).newPage();
}

describe("the tab in the sandbox's Teams host", () => {
  it("a new Contoso student opens the tab and lands on home as a member and a student, with no question asked", async () => {
    const page = await newPage();
    const tab = await openInTeams(page, env.app.sandbox.httpUrl, "student@contoso.example");
    await expect(tab.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("Welcome, Sofia Silva");
    await expect(tab.getByTestId("membership").textContent()).resolves.toContain("You are a member of Contoso High School");
    await expect(tab.getByTestId("account-type").textContent()).resolves.toBe("Student (from your school's Microsoft 365 education data)");
    expect(await tab.getByRole("radiogroup").count()).toBe(0);
    await screenshot(page, "home-new-student");
  });

  it("a Contoso user with no signal picks Teacher and lands on home", async () => {
    const page = await newPage();
    const tab = await openInTeams(page, env.app.sandbox.httpUrl, "nosignal@contoso.example");
    await tab.getByRole("radio", { name: "Teacher" }).check();
    await screenshot(page, "home-account-type-picker");
    await tab.getByRole("button", { name: "Continue" }).click();
    await tab.getByTestId("account-type").waitFor();
    await expect(tab.getByTestId("account-type").textContent()).resolves.toBe("Teacher (chosen by you)");
    await expect(tab.getByTestId("membership").textContent()).resolves.toContain("You are a member of Contoso High School");
    const session = await env.app.call("POST", "/api/session", { as: "nosignal@contoso.example" });
    expect(session.body.user).toMatchObject({ accountType: "teacher", accountTypeSource: "user_choice" });
  });

  it("Tailspin's admin sees why the integration is unavailable", async () => {
    const page = await newPage();
    const tab = await openInTeams(page, env.app.sandbox.httpUrl, "head@tailspin.example", { tab: "admin" });
    await tab.getByText("The Microsoft 365 integration is not available on your plan").waitFor();
    const settings = await env.app.call("GET", `/api/orgs/${(await env.app.call("POST", "/api/session", { as: "head@tailspin.example" })).body.membership.organization.id}/microsoft365`, { as: "head@tailspin.example" });
    await expect(tab.getByRole("main").textContent()).resolves.toContain(settings.body.unavailableReason);
    expect(await tab.getByRole("button", { name: "Save and grant permissions" }).count()).toBe(0);
    await screenshot(page, "settings-unavailable");
  });

  it("switching the host to dark and to high contrast restyles the tab without a reload", async () => {
    const page = await newPage();
    // The host opens in dark: the tab takes its first theme from the Teams context.
    const tab = await openInTeams(page, env.app.sandbox.httpUrl, "principal@contoso.example", { theme: "dark" });
    const themeIs = (theme: string) => tab.waitForFunction((t) => document.querySelector("[data-theme]")?.getAttribute("data-theme") === t, theme);
    const background = () => tab.evaluate(() => getComputedStyle(document.querySelector("[data-theme]")!).backgroundColor);
    await themeIs("dark");
    await tab.evaluate(() => ((window as any).__loadedOnce = true));
    const dark = await background();
    await screenshot(page, "home-dark");

    await page.getByLabel("Theme").selectOption("contrast");
    await themeIs("contrast");
    const contrast = await background();
    await screenshot(page, "home-high-contrast");
    expect(await seriousViolations(tab)).toEqual([]);

    await page.getByLabel("Theme").selectOption("default");
    await themeIs("default");
    const light = await background();

    // Teams' newer "glass" theme is a light theme for Fluent v9 (docs/spec.md §8).
    await page.getByLabel("Theme").selectOption("dark");
    await themeIs("dark");
    await page.evaluate(() => (window as any).teamsHost.applyTheme("glass"));
    await themeIs("default");

    expect(new Set([light, dark, contrast]).size).toBe(3);
    // Same document all along: the marker set before the switches is still there.
    expect(await tab.evaluate(() => (window as any).__loadedOnce)).toBe(true);
  });
});
