import { describe, expect, it } from "vitest";
import { appAndBrowserForThisFile, expectAccessibleInBothThemes, openInTeams, screenshot, seriousViolations } from "../helpers/browser.js";
import { buildJoinRequest } from "../api/requests-factory.js";

const env = appAndBrowserForThisFile();


describe("every page of the tab passes axe in light and dark (no serious or critical violation)", () => {
  it("home with the account type picker", async () => {
    const page = await (await env.browser.newContext()).newPage();
    const tab = await openInTeams(page, env.app.sandbox.httpUrl, "flaky@contoso.example");
    await tab.getByRole("radiogroup").waitFor();
    await expectAccessibleInBothThemes(page, tab, "a11y-home-picker");
  });

  it("home with the join banner", async () => {
    const page = await (await env.browser.newContext()).newPage();
    const tab = await openInTeams(page, env.app.sandbox.httpUrl, "tutor@contoso.example");
    await tab.getByRole("button", { name: "Ask to join" }).waitFor();
    await expectAccessibleInBothThemes(page, tab, "a11y-home-banner");
  });

  it("the admin pages: Settings, Members, Management requests, Activity", async () => {
    await buildJoinRequest(env.app, { displayName: "Avery Axe", detectedAccountType: "teacher" });
    const page = await (await env.browser.newContext()).newPage();
    const tab = await openInTeams(page, env.app.sandbox.httpUrl, "principal@contoso.example", { tab: "admin" });
    const sections = [
      { tab: "Settings", heading: "Microsoft 365", ready: () => tab.getByTestId("link-status").first().waitFor() },
      { tab: "Members", heading: "Members", ready: () => tab.getByRole("table").waitFor() },
      { tab: "Management requests", heading: "Management requests", ready: () => tab.getByText("Avery Axe").waitFor() },
      { tab: "Activity", heading: "Activity", ready: () => tab.getByRole("table").waitFor() },
    ];
    for (const section of sections) {
      await tab.getByRole("tab", { name: section.tab }).click();
      await tab.getByRole("heading", { level: 1, name: section.heading }).waitFor();
      await section.ready();
      await expectAccessibleInBothThemes(page, tab, `a11y-admin-${section.tab.toLowerCase().replace(/ /g, "-")}`);
    }
  }, 60_000);

  it("the privacy and terms pages", async () => {
    const page = await (await env.browser.newContext()).newPage();
    for (const name of ["privacy", "terms"]) {
      await page.goto(`${env.app.url}/${name}.html`);
      expect(await seriousViolations(page.mainFrame())).toEqual([]);
      await screenshot(page, `a11y-${name}`);
    }
  });
});
