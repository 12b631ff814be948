import { describe, expect, it } from "vitest";
import type { Frame, Page } from "playwright-core";
import { appAndBrowserForThisFile, expectAccessibleInBothThemes, openInTeams, reloadTeams, screenshot } from "../helpers/browser.js";
import { CONTOSO_ORG, buildJoinRequest } from "../api/requests-factory.js";
import { cardsIn, chat, cardOf, cardText, eventually } from "../bot/connector-helpers.js";

const env = appAndBrowserForThisFile();
const ADMIN = "principal@contoso.example";
const TUTOR = "tutor@contoso.example";

/** Makes the tab's frame exactly `width` px wide (the host's chat pane keeps its own width), as on a phone or in Teams' side panel. */
async function narrowTab(page: Page, tab: Frame, width: number): Promise<void> {
  const chatWidth = await page.evaluate(() => document.querySelector(".chat")?.getBoundingClientRect().width ?? 0);
  await page.setViewportSize({ width: Math.ceil(chatWidth) + width, height: 900 });
  await tab.waitForFunction((w) => Math.abs(window.innerWidth - w) <= 1, width);
}

/** No element may stick out sideways: at narrow widths everything wraps or stacks. */
async function expectNoSidewaysScroll(tab: Frame): Promise<void> {
  const overflow = await tab.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

describe("decisions people hear about, in the tab (light and dark, 320 and 400 px)", () => {
  it("an admin rejects with a reason after confirming; the person is told and cannot ask again before the cooldown", async () => {
    const asked = await env.app.call("POST", "/api/me/join-request", { as: TUTOR });
    expect(asked.status).toBe(201);

    const adminPage = await (await env.browser.newContext()).newPage();
    const admin = await openInTeams(adminPage, env.app.sandbox.httpUrl, ADMIN, { tab: "admin" });
    await narrowTab(adminPage, admin, 400);
    await admin.getByRole("tab", { name: /Management requests/ }).click();
    await admin.getByTestId("pending-count").getByText("1 pending").waitFor();
    await admin.getByRole("button", { name: "Reject Tara Tan" }).click();
    const dialog = admin.getByRole("dialog", { name: "Reject Tara Tan's request?" });
    await dialog.getByRole("textbox", { name: /Reason/ }).fill("Please ask with your school account");
    await screenshot(adminPage, "reject-dialog-400");
    await dialog.getByRole("button", { name: "Reject", exact: true }).click();
    await admin.getByText("Rejected by Priya Patel (Principal)").waitFor();
    await admin.getByText("Reason: Please ask with your school account").waitFor();
    await admin.getByText(/Can ask again from/).waitFor();
    await admin.getByTestId("pending-count").getByText("0 pending").waitFor();
    await narrowTab(adminPage, admin, 320);
    await expectNoSidewaysScroll(admin);
    await expectAccessibleInBothThemes(adminPage, admin, "requests-rejected-320");

    const personPage = await (await env.browser.newContext()).newPage();
    let home = await openInTeams(personPage, env.app.sandbox.httpUrl, TUTOR);
    await narrowTab(personPage, home, 320);
    const notice = home.getByTestId("declined-notice");
    await notice.getByText("Request declined").waitFor();
    await notice.getByText("Reason: Please ask with your school account").waitFor();
    await notice.getByText(/You can ask again from/).waitFor();
    expect(await home.getByRole("button", { name: "Ask to join" }).count()).toBe(0);
    await expectNoSidewaysScroll(home);
    await expectAccessibleInBothThemes(personPage, home, "home-declined-320");

    // Asking anyway (an old page, a script) changes nothing.
    const again = await env.app.call("POST", "/api/me/join-request", { as: TUTOR });
    expect([again.status, again.body.code]).toEqual([409, "join_request_cooldown"]);
    home = await reloadTeams(personPage);
    await home.getByTestId("declined-notice").waitFor();
  }, 90_000);

  it("Activity rows name their subjects, with before and after, filtered by type, readable at 320 px", async () => {
    const { requestId } = await buildJoinRequest(env.app, { displayName: "Ana Ruiz" });
    expect((await env.app.call("POST", `/api/orgs/${CONTOSO_ORG}/requests/${requestId}/approve`, { as: ADMIN })).status).toBe(200);

    const page = await (await env.browser.newContext()).newPage();
    const tab = await openInTeams(page, env.app.sandbox.httpUrl, ADMIN, { tab: "admin" });
    await narrowTab(page, tab, 400);
    await tab.getByRole("tab", { name: "Activity" }).click();
    await tab.getByText("Approved Ana Ruiz's request").waitFor();
    await tab.getByText("Ana Ruiz joined after approval").waitFor();
    await tab.getByText("Rejected Tara Tan's request (reason: Please ask with your school account)").waitFor();
    await tab.getByText("Tara Tan asked to join").first().waitFor();

    await tab.getByRole("combobox", { name: "Type of event" }).selectOption("members");
    await tab.getByText("Ana Ruiz joined after approval").waitFor();
    await tab.waitForFunction(() => !document.body.textContent?.includes("Approved Ana Ruiz's request"));
    const actions = await tab.locator("tr[data-action]").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-action")));
    expect(actions.length).toBeGreaterThan(0);
    expect(actions.every((a) => a?.startsWith("member."))).toBe(true);

    await narrowTab(page, tab, 320);
    await expectNoSidewaysScroll(tab);
    // Each cell sits on its own line under its column's name; no word is cut.
    const cellWidth = await tab.locator("tr[data-action] td").first().evaluate((td) => td.getBoundingClientRect().width);
    expect(cellWidth).toBeGreaterThan(250);
    await expectAccessibleInBothThemes(page, tab, "activity-members-320");
  }, 90_000);

  it("a stale card — one the bot could not update — shows the decision when Teams shows it again, without live buttons", async () => {
    const page = await (await env.browser.newContext()).newPage();
    await openInTeams(page, env.app.sandbox.httpUrl, ADMIN);
    await page.waitForFunction(() => document.body.dataset.chatReady === "true");
    await page.getByRole("button", { name: "Add the bot" }).click();
    const { requestId } = await buildJoinRequest(env.app, { displayName: "Sam Stale" });
    const card = page.locator(".chat-card").filter({ hasText: "Sam Stale asks to join" });
    await card.getByRole("button", { name: "Approve" }).waitFor({ timeout: 30_000 });

    // The bot loses track of this copy (as if it were sent before deliveries were recorded), then another admin decides.
    await env.app.app.store.models.CardDelivery.destroy({ where: { joinRequestId: requestId } });
    expect((await env.app.call("POST", `/api/orgs/${CONTOSO_ORG}/requests/${requestId}/reject`, { as: "office@contoso.example", body: { reason: "Unknown to the school" } })).status).toBe(200);
    const stored = await eventually(async () => {
      const found = cardsIn(await chat(env.app, ADMIN)).find((a) => cardText(cardOf(a)).includes(requestId));
      if (!found) throw new Error("no stored card");
      return found;
    });
    // The stored message still has its buttons: only the refresh can correct what the admin sees.
    expect(cardOf(stored).actions.length).toBeGreaterThan(0);

    await reloadTeams(page);
    const shown = page.locator(".chat-card").filter({ hasText: "Sam Stale asks to join" });
    await shown.getByText(/Rejected by Oscar Owens \(Office\)/).waitFor({ timeout: 15_000 });
    await shown.getByText(/Reason: Unknown to the school/).waitFor();
    expect(await shown.getByRole("button", { name: "Approve" }).count()).toBe(0);
    await screenshot(page, "chat-stale-card-refreshed");
  }, 90_000);
});
