import { describe, it } from "vitest";
import type { Frame, Page } from "playwright-core";
import { appAndBrowserForThisFile, expectAccessibleInBothThemes, openInTeams } from "../helpers/browser.js";
import { expectNarrowLayoutHolds, narrowTab } from "../helpers/narrow-layout.js";
import { buildJoinRequest } from "../api/requests-factory.js";

const env = appAndBrowserForThisFile();
const ADMIN = "principal@contoso.example";

/** At 320 px, in light then dark: nothing scrolls sideways, no word is cut, every control shows its text, axe is clean. */
async function expectReadableAt320(page: Page, tab: Frame, name: string): Promise<void> {
  await narrowTab(page, tab, 320);
  await expectNarrowLayoutHolds(tab, `${name} (light)`);
  await expectAccessibleInBothThemes(page, tab, `${name}-320`);
  await expectNarrowLayoutHolds(tab, `${name} (dark)`);
}

describe("the tab at 320 px, as in Teams on a phone (docs/spec.md §8)", () => {
  it("home with the account type picker: each choice reads whole", async () => {
    const page = await (await env.browser.newContext()).newPage();
    const tab = await openInTeams(page, env.app.sandbox.httpUrl, "nosignal@contoso.example");
    await tab.getByRole("radio", { name: "Teacher" }).waitFor();
    await tab.getByRole("radio", { name: "Student" }).waitFor();
    await expectReadableAt320(page, tab, "home-picker");
  }, 60_000);

  it("home with the join banner: both buttons usable, nothing cut", async () => {
    const page = await (await env.browser.newContext()).newPage();
    const tab = await openInTeams(page, env.app.sandbox.httpUrl, "tutor@contoso.example");
    await tab.getByRole("button", { name: "Ask to join" }).waitFor();
    await tab.getByRole("button", { name: "Not now" }).waitFor();
    await expectReadableAt320(page, tab, "home-join-banner");
  }, 60_000);

  it("Members: each member's type menu shows the whole type", async () => {
    await env.app.call("POST", "/api/session", { as: "student@contoso.example" });
    const page = await (await env.browser.newContext()).newPage();
    const tab = await openInTeams(page, env.app.sandbox.httpUrl, ADMIN, { tab: "admin" });
    await tab.getByRole("tab", { name: "Members" }).click();
    await tab.getByRole("combobox", { name: "Account type of Sofia Silva" }).waitFor();
    await expectReadableAt320(page, tab, "members");
  }, 60_000);

  it("Management requests with a pending request", async () => {
    await buildJoinRequest(env.app, { displayName: "Maximilian Longname-Fairweather" });
    const page = await (await env.browser.newContext()).newPage();
    const tab = await openInTeams(page, env.app.sandbox.httpUrl, ADMIN, { tab: "admin" });
    await tab.getByRole("tab", { name: /Management requests/ }).click();
    await tab.getByRole("button", { name: "Approve Maximilian Longname-Fairweather" }).waitFor();
    await expectReadableAt320(page, tab, "requests");
  }, 60_000);

  it("Settings of a linked tenant", async () => {
    const page = await (await env.browser.newContext()).newPage();
    const tab = await openInTeams(page, env.app.sandbox.httpUrl, ADMIN, { tab: "admin" });
    await tab.getByTestId("permissions").waitFor();
    await expectReadableAt320(page, tab, "settings");
  }, 60_000);
});
