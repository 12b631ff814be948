import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { FABRIKAM_TID } from "../../sandbox/fixtures/index.js";
import { stableId } from "../../api/domain/seed.js";
import { expectNarrowLayoutHolds, narrowTab } from "../helpers/narrow-layout.js";
import { appAndBrowserForThisFile, expectAccessibleInBothThemes, openInTeams, reloadTeams, screenshot, seriousViolations } from "../helpers/browser.js";

const DAY = 24 * 60 * 60 * 1000;
// The app's clock: the Global Administrator opens the emailed link the next day.
let clockOffset = 0;
const env = appAndBrowserForThisFile({ now: () => new Date(Date.now() + clockOffset) });
const FABRIKAM = stableId(`org:${FABRIKAM_TID}`);
const SENDER = "office@fabrikam.example"; // an org admin who cannot consent
const IT = "it@fabrikam.example"; // a Global Administrator with no RosterLink account

/** Microsoft's consent page, as the person who opened the link sees it: pick the account, press a button. */
async function answerConsentPage(page: Page, link: string, button: "Accept" | "Cancel"): Promise<void> {
  await page.goto(link);
  await page.getByLabel(new RegExp(IT.replace(".", "\\."))).check();
  await page.getByRole("button", { name: button }).click();
  await page.getByRole("heading", { level: 1 }).waitFor();
}

/** RosterLink's outcome page reads well in the browser's light and dark schemes (it follows the system's). */
async function expectOutcomePageAccessible(page: Page, name: string): Promise<void> {
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    await screenshot(page, `${name}-${colorScheme}`);
    expect(await seriousViolations(page.mainFrame()), `${name} in ${colorScheme}`).toEqual([]);
  }
}

describe("the consent link for IT, in the browser (docs/spec.md §3.5)", () => {
  it("an admin copies the message, IT declines once and grants the next day, sees the outcome; the used link says so", async () => {
    const adminPage = await (await env.browser.newContext()).newPage();
    let admin = await openInTeams(adminPage, env.app.sandbox.httpUrl, SENDER, { tab: "admin" });
    await admin.getByRole("button", { name: "Make a link for IT" }).click();
    const messageBox = admin.getByLabel("Message for your Global Administrator");
    await messageBox.waitFor();
    const message = await messageBox.inputValue();
    expect(message).toContain("Fabrikam Academy District");
    expect(message).toContain("You do not need a RosterLink account");
    const link = /^https?:\/\/\S+\/adminconsent\?\S+$/m.exec(message)?.[0];
    expect(link, message).toBeDefined();
    await admin.getByRole("button", { name: "Copy message" }).click();
    await admin.getByRole("button", { name: "Copied" }).waitFor();
    await expectAccessibleInBothThemes(adminPage, admin, "settings-link-for-it");
    await narrowTab(adminPage, admin, 320);
    await expectNarrowLayoutHolds(admin, "Settings with the message for IT at 320 px");

    // The next day, in another browser with no RosterLink session, the Global Administrator opens the email's link.
    clockOffset += DAY;
    // Its own context: no cookie or session of the sender's.
    const ga = await (await env.browser.newContext()).newPage();
    await answerConsentPage(ga, link!, "Cancel");
    await ga.getByRole("heading", { name: "Permissions not granted" }).waitFor();
    expect(await ga.getByRole("main").innerText()).toMatch(/not approved for Fabrikam Academy District\. Nothing changed\.[\s\S]*open the same link again and choose Accept/);
    await expectOutcomePageAccessible(ga, "it-link-declined");
    expect((await env.app.call("GET", `/api/orgs/${FABRIKAM}/microsoft365`, { as: SENDER })).body.tenants[0].status).toBe("awaiting_consent");

    await answerConsentPage(ga, link!, "Accept");
    await ga.getByRole("heading", { name: "Permissions granted" }).waitFor();
    const granted = await ga.getByRole("main").innerText();
    expect(granted).toContain("You granted RosterLink these permissions for Fabrikam Academy District");
    const listed = await ga.getByRole("listitem").allInnerTexts();
    expect(listed.map((item) => item.split(" — ")[0])).toEqual(expect.arrayContaining(["User.Read", "EduRoster.ReadBasic"]));
    expect(listed.every((item) => item.split(" — ")[1]?.trim())).toBe(true); // each with why
    await expectOutcomePageAccessible(ga, "it-link-granted");

    // The same email opened again: it was used, and there is nothing more to do.
    await answerConsentPage(ga, link!, "Accept");
    await ga.getByRole("heading", { name: "Already approved" }).waitFor();
    expect(await ga.getByRole("main").innerText()).toMatch(/this link has been used[\s\S]*Nothing more to do/);
    await expectOutcomePageAccessible(ga, "it-link-used");

    // The admin who sent it sees the tenant active, credited to IT, the next time Settings opens.
    admin = await reloadTeams(adminPage);
    await admin.waitForFunction(() => [...document.querySelectorAll("[data-testid=link-status]")].some((b) => b.textContent === "Active"));
    await admin.getByRole("tab", { name: "Activity" }).click();
    await admin.getByText(/Microsoft 365 permissions granted for/).first().waitFor();
    await admin.getByText("A Global Administrator of fabrikam.example").first().waitFor();
  }, 120_000);
});
