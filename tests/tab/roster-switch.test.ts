import { describe, expect, it } from "vitest";
import type { Frame, Page } from "playwright-core";
import { CONTOSO_TID, FABRIKAM_TID } from "../../sandbox/fixtures/index.js";
import { stableId } from "../../api/domain/seed.js";
import { appAndBrowserForThisFile, expectAccessibleInBothThemes, openInTeams, screenshot } from "../helpers/browser.js";

const env = appAndBrowserForThisFile();
const CONTOSO = stableId(`org:${CONTOSO_TID}`);
const FABRIKAM = stableId(`org:${FABRIKAM_TID}`);

// The linked tenant's own switch (a district's Settings also has one in the form that connects another tenant).
const rosterSwitch = (tab: Frame) => tab.getByTestId("next-step").locator("xpath=ancestor::section[1]").getByRole("switch", { name: /Share roster data/ });
const statusIs = (tab: Frame, words: string) =>
  tab.waitForFunction((w) => [...document.querySelectorAll("[data-testid=link-status]")].some((b) => b.textContent === w), words);

/** Presses Accept on the sandbox's consent pop-up as `upn`, and waits for it to close. */
async function acceptInPopup(page: Page, opened: Promise<Page>, upn: string): Promise<string> {
  const popup = await opened;
  await popup.waitForLoadState();
  const asked = new URL(popup.url()).searchParams.get("scope") ?? "";
  await popup.getByLabel(new RegExp(upn.replace(".", "\\."))).check();
  await popup.getByRole("button", { name: "Accept" }).click();
  await popup.waitForEvent("close", { timeout: 15_000 });
  return asked;
}

/** What Graph the app read for a person's sign-in, from the sandbox's request log. */
async function graphPathsOf(upn: string): Promise<string[]> {
  const log = await env.app.sandboxCall("GET", `/sandbox/graph/requests?upn=${encodeURIComponent(upn)}`);
  return (log.body as Array<{ path: string }>).map((r) => r.path);
}

/** Each permission the tenant granted, listed with "granted" and its reason. */
async function expectPermissionsWithReasons(tab: Frame, scopes: string[]): Promise<void> {
  const items = await tab.getByTestId("permissions").getByRole("listitem").allInnerTexts();
  expect(items.map((item) => item.split(" — ")[0])).toEqual(scopes);
  for (const item of items) expect(item).toMatch(/ — granted\. \S.{10,}/);
}

describe("the roster-data switch of a linked tenant (docs/spec.md §3.8)", () => {
  it("Contoso turns roster data off (at once: the next new teacher is typed by licence), then on again (granted before: no pop-up)", async () => {
    const page = await (await env.browser.newContext()).newPage();
    const tab = await openInTeams(page, env.app.sandbox.httpUrl, "principal@contoso.example", { tab: "admin" });
    await statusIs(tab, "Active");
    await expectPermissionsWithReasons(tab, ["openid", "profile", "User.Read", "EduRoster.ReadBasic"]);

    let popups = 0;
    page.on("popup", () => popups++);
    // The switch follows the server: it moves once the change is saved (click, then wait for the outcome).
    await rosterSwitch(tab).click();
    await statusIs(tab, "Active without roster data");
    await tab.getByText("RosterLink does not read the roster").waitFor();
    expect(await rosterSwitch(tab).isChecked()).toBe(false);
    await expectAccessibleInBothThemes(page, tab, "settings-roster-off");
    const off = await env.app.call("GET", `/api/orgs/${CONTOSO}/microsoft365`, { as: "principal@contoso.example" });
    expect(off.body.tenants[0]).toMatchObject({ status: "active_without_roster", rosterData: false, rosterAccess: false });

    // The effect, not just the switch: a new teacher's sign-in no longer reads the roster.
    const teacher = await env.app.call("POST", "/api/session", { as: "teacher@contoso.example" });
    expect(teacher.body.user).toMatchObject({ accountType: "teacher", accountTypeSource: "license" });
    expect(await graphPathsOf("teacher@contoso.example")).not.toContainEqual(expect.stringContaining("/education/me"));

    await rosterSwitch(tab).click();
    await statusIs(tab, "Active");
    expect(await rosterSwitch(tab).isChecked()).toBe(true);
    await tab.getByText("Account types come from the roster first.").waitFor();
    expect(popups).toBe(0);
    const student = await env.app.call("POST", "/api/session", { as: "student@contoso.example" });
    expect(student.body.user).toMatchObject({ accountType: "student", accountTypeSource: "education_api" });
  }, 90_000);

  it("Fabrikam consents without roster data, then turning it on asks for the roster permission in the pop-up; the next sign-in reads the roster", async () => {
    const ADMIN = "principal@fabrikam.example";
    const page = await (await env.browser.newContext()).newPage();
    const tab = await openInTeams(page, env.app.sandbox.httpUrl, ADMIN, { tab: "admin" });
    await statusIs(tab, "Awaiting consent");
    await rosterSwitch(tab).click();
    await tab.waitForFunction(() => !document.querySelector("[data-testid=permissions]")?.textContent?.includes("EduRoster"));

    const firstConsent = page.waitForEvent("popup");
    await tab.getByRole("button", { name: "Grant permissions" }).first().click();
    let asked = await acceptInPopup(page, firstConsent, ADMIN);
    expect(asked).not.toContain("EduRoster.ReadBasic");
    await statusIs(tab, "Active without roster data");
    await expectPermissionsWithReasons(tab, ["openid", "profile", "User.Read"]);

    // The tenant's roster now says who is a student; without the permission RosterLink cannot read it.
    await env.app.sandboxCall("PUT", "/sandbox/graph/profile/nosignal@fabrikam.example", { educationRole: "student" });
    const rosterConsent = page.waitForEvent("popup");
    await rosterSwitch(tab).click();
    asked = await acceptInPopup(page, rosterConsent, ADMIN);
    expect(asked).toContain("EduRoster.ReadBasic");
    await statusIs(tab, "Active");
    await expectPermissionsWithReasons(tab, ["openid", "profile", "User.Read", "EduRoster.ReadBasic"]);
    await screenshot(page, "settings-roster-granted");
    const on = await env.app.call("GET", `/api/orgs/${FABRIKAM}/microsoft365`, { as: ADMIN });
    expect(on.body.tenants[0]).toMatchObject({ status: "active", rosterData: true, rosterAccess: true });

    const person = await env.app.call("POST", "/api/session", { as: "nosignal@fabrikam.example" });
    expect(person.body.user).toMatchObject({ accountType: "student", accountTypeSource: "education_api" });
  }, 90_000);
});
