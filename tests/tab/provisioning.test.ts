import { describe, expect, it } from "vitest";
import type { Frame, Page } from "playwright-core";
import { CONTOSO_TID } from "../../sandbox/fixtures/index.js";
import { stableId } from "../../api/domain/seed.js";
import { appAndBrowserForThisFile, expectAccessibleInBothThemes, openInTeams, reloadTeams, screenshot } from "../helpers/browser.js";

const env = appAndBrowserForThisFile();
const CONTOSO = stableId(`org:${CONTOSO_TID}`);
const PRINCIPAL = "principal@contoso.example";
const TENANT = "contoso.example";
const job = `/sandbox/provisioning/${CONTOSO_TID}`;

/** What Entra's provisioning service would get with this secret: the SCIM endpoint, over real HTTP. */
const scimStatus = async (secret: string) => (await env.app.call("GET", "/scim/v2/Users?count=1", { token: secret })).status;

const section = (tab: Frame) => tab.getByRole("region", { name: "Provisioning from Microsoft Entra" });

/** Makes the tab's frame exactly `width` px wide (the host's chat pane keeps its own width), as in Teams' side panel. */
async function narrowTab(page: Page, tab: Frame, width: number): Promise<void> {
  const chatWidth = await page.evaluate(() => document.querySelector(".chat")?.getBoundingClientRect().width ?? 0);
  await page.setViewportSize({ width: Math.ceil(chatWidth) + width, height: 900 });
  await tab.waitForFunction((w) => Math.abs(window.innerWidth - w) <= 1, width);
}

/** The secret box appears only in the answer that issued the secret. */
async function shownSecret(tab: Frame): Promise<string> {
  const box = section(tab).getByRole("textbox", { name: `Secret token for ${TENANT}` });
  await box.waitFor();
  return box.inputValue();
}

/** docs/provisioning.md in the tab: Settings → Provisioning, driven by the sandbox playing Entra. Journeys share one app, in order. */
describe("Entra provisioning in the tab", () => {
  let secret = "";

  it("an admin turns provisioning on, sees the secret once with the tenant URL, and Entra can use it; a reload never shows it again", async () => {
    const page = await (await env.browser.newContext()).newPage();
    let tab = await openInTeams(page, env.app.sandbox.httpUrl, PRINCIPAL, { tab: "admin" });
    const provisioning = section(tab);
    await provisioning.getByText("including people who have never signed in", { exact: false }).waitFor();
    await provisioning.getByText("stores only what it already keeps", { exact: false }).waitFor();
    await provisioning.getByText("they lose their membership", { exact: false }).waitFor();
    expect(await provisioning.getByRole("textbox", { name: "Tenant URL" }).inputValue()).toBe(`${env.app.url}/scim/v2`);
    expect(await provisioning.getByRole("switch", { name: "A leaver who signs in again rejoins automatically" }).isChecked()).toBe(false);

    await provisioning.getByRole("button", { name: `Turn on provisioning for ${TENANT}` }).click();
    secret = await shownSecret(tab);
    expect(secret).toMatch(/^rlscim_/);
    await provisioning.getByText("You will not see it again", { exact: false }).waitFor();
    await provisioning.getByRole("button", { name: "Copy secret" }).waitFor();
    await screenshot(page, "provisioning-secret-once");
    await expectAccessibleInBothThemes(page, tab, "a11y-admin-provisioning-secret");
    expect(await scimStatus(secret)).toBe(200);

    tab = await reloadTeams(page);
    const after = section(tab);
    await after.getByRole("button", { name: `Make a new secret for ${TENANT}` }).waitFor();
    await after.getByText(`ends in …${secret.slice(-4)}`, { exact: false }).waitFor();
    expect(await after.getByRole("textbox", { name: `Secret token for ${TENANT}` }).count()).toBe(0);
    expect(await tab.locator("body").innerText()).not.toContain(secret);
    await expectAccessibleInBothThemes(page, tab, "a11y-admin-provisioning-on");
    // Nothing the page can ask for carries the secret either.
    const view = await env.app.call("GET", `/api/orgs/${CONTOSO}/provisioning`, { as: PRINCIPAL });
    expect(view.text).not.toContain(secret);
  }, 90_000);

  it("a provisioning cycle from the sandbox with a leaver: the leaver is gone from Members and Activity shows provisioning rows", async () => {
    await env.app.sandboxCall("POST", `${job}/credentials`, { tenantUrl: `${env.app.url}/scim/v2`, secretToken: secret });
    const first = await env.app.sandboxCall("POST", `${job}/cycle`);
    expect(first.body.summary).toMatchObject({ failed: 0 });
    await env.app.sandboxCall("POST", `${job}/personas/teacher@contoso.example`, { left: true });
    const cycle = await env.app.sandboxCall("POST", `${job}/cycle`);
    expect(cycle.body.summary).toMatchObject({ disabled: 1, failed: 0 });

    const page = await (await env.browser.newContext()).newPage();
    const tab = await openInTeams(page, env.app.sandbox.httpUrl, PRINCIPAL, { tab: "admin" });
    await tab.getByRole("tab", { name: "Members" }).click();
    await tab.getByRole("row", { name: /Sofia Silva/ }).waitFor();
    expect(await tab.getByRole("row", { name: /Tomas Torres/ }).count()).toBe(0);

    await tab.getByRole("tab", { name: "Activity" }).click();
    const rows = tab.getByRole("row").filter({ has: tab.getByRole("cell", { name: "Entra provisioning", exact: true }) });
    await rows.filter({ hasText: "Tomas Torres" }).first().waitFor();
    expect(await rows.count()).toBeGreaterThan(1);
    await screenshot(page, "provisioning-activity");
  }, 90_000);

  it("rotating behind a confirmation makes the old secret 401 at once; turning off behind one revokes the new one", async () => {
    const page = await (await env.browser.newContext()).newPage();
    const tab = await openInTeams(page, env.app.sandbox.httpUrl, PRINCIPAL, { tab: "admin" });
    const provisioning = section(tab);

    await provisioning.getByRole("button", { name: `Make a new secret for ${TENANT}` }).click();
    let dialog = tab.getByRole("dialog");
    await dialog.getByText(`Make a new secret for ${TENANT}?`).waitFor();
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await dialog.waitFor({ state: "detached" });
    expect(await scimStatus(secret)).toBe(200);

    await provisioning.getByRole("button", { name: `Make a new secret for ${TENANT}` }).click();
    dialog = tab.getByRole("dialog");
    await dialog.getByRole("button", { name: "Make a new secret" }).click();
    const rotated = await shownSecret(tab);
    expect(rotated).not.toBe(secret);
    // At 320 px the long secret scrolls inside its box; nothing sticks out sideways.
    await narrowTab(page, tab, 320);
    expect(await tab.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await section(tab).getByRole("textbox", { name: `Secret token for ${TENANT}` }).scrollIntoViewIfNeeded();
    await screenshot(page, "provisioning-secret-320");
    expect(await scimStatus(secret)).toBe(401);
    expect(await scimStatus(rotated)).toBe(200);

    await provisioning.getByRole("button", { name: `Turn off provisioning for ${TENANT}` }).click();
    dialog = tab.getByRole("dialog");
    await dialog.getByText(`Turn off provisioning for ${TENANT}?`).waitFor();
    await screenshot(page, "provisioning-turn-off");
    await dialog.getByRole("button", { name: "Turn off provisioning" }).click();
    await provisioning.getByRole("button", { name: `Turn on provisioning for ${TENANT}` }).waitFor();
    expect(await provisioning.getByRole("textbox", { name: `Secret token for ${TENANT}` }).count()).toBe(0);
    expect(await scimStatus(rotated)).toBe(401);

    // Members who came from the directory stay members when provisioning is turned off.
    const members = await env.app.call("GET", `/api/orgs/${CONTOSO}/members?q=Sofia`, { as: PRINCIPAL });
    expect(members.body.items).toHaveLength(1);
  }, 90_000);

  it("the leaver setting is off by default and an admin can turn it on", async () => {
    const page = await (await env.browser.newContext()).newPage();
    const tab = await openInTeams(page, env.app.sandbox.httpUrl, PRINCIPAL, { tab: "admin", theme: "dark" });
    const leavers = section(tab).getByRole("switch", { name: "A leaver who signs in again rejoins automatically" });
    expect(await leavers.isChecked()).toBe(false);
    await leavers.check();
    await section(tab).getByRole("status").getByText("Leavers who sign in again now rejoin automatically.").waitFor();
    const view = await env.app.call("GET", `/api/orgs/${CONTOSO}/provisioning`, { as: PRINCIPAL });
    expect(view.body.leaversRejoinAutomatically).toBe(true);
  }, 60_000);
});
