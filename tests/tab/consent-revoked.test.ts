import { describe, expect, it } from "vitest";
import { CONTOSO_TID } from "../../sandbox/fixtures/index.js";
import { appAndBrowserForThisFile, expectAccessibleInBothThemes, openInTeams, screenshot } from "../helpers/browser.js";
import { chat, eventually, FAST_OUTBOX, install } from "../bot/connector-helpers.js";
import { expectNarrowLayoutHolds, narrowTab, visibleText } from "../helpers/narrow-layout.js";

const env = appAndBrowserForThisFile({ tuning: { outbox: FAST_OUTBOX } });
const ADMINS = ["principal@contoso.example", "office@contoso.example"];

describe("a tenant that revoked RosterLink's consent (docs/spec.md §3.8)", () => {
  it("the admin opening Settings reads it in plain words, Microsoft's code only in a details line, and every admin gets a bot message", async () => {
    for (const admin of ADMINS) await install(env.app, admin);
    // Contoso's Global Administrator removes RosterLink from the tenant (the enterprise application is deleted).
    expect((await env.app.sandboxCall("POST", "/sandbox/consent/revoke", { tid: CONTOSO_TID })).body).toEqual({ revoked: true });

    const page = await (await env.browser.newContext()).newPage();
    const tab = await openInTeams(page, env.app.sandbox.httpUrl, ADMINS[0]!, { tab: "admin" });
    await tab.waitForFunction(() => [...document.querySelectorAll("[data-testid=link-status]")].some((b) => b.textContent === "Needs attention"));
    const nextStep = await tab.getByTestId("next-step").innerText();
    expect(nextStep).toMatch(/^What to do next: RosterLink's enterprise application was removed/);
    const details = await tab.getByTestId("status-details").innerText();
    expect(details).toBe("Details: Microsoft answered AADSTS7000229.");
    // The code is for whoever reads the details to Microsoft's support, nowhere else on the page.
    expect((await visibleText(tab)).match(/AADSTS\d+/g)).toEqual(["AADSTS7000229"]);
    // Nothing on the page still claims what the tenant took back.
    const permissions = await tab.getByTestId("permissions").getByRole("listitem").allInnerTexts();
    expect(permissions.length).toBeGreaterThan(0);
    for (const item of permissions) expect(item).toContain("no longer granted");
    await tab.getByText("RosterLink cannot read the roster until the tenant's consent is given again").waitFor();
    expect(await tab.getByText("Account types come from the roster first.").count()).toBe(0);
    await expectAccessibleInBothThemes(page, tab, "settings-needs-attention");
    await narrowTab(page, tab, 320);
    await expectNarrowLayoutHolds(tab, "Settings needing attention at 320 px");

    // Every org admin with the bot hears it, in words, with where to go.
    for (const admin of ADMINS) {
      const message = await eventually(async () => {
        const found = (await chat(env.app, admin)).find((a) => a.text?.includes("needs attention"));
        expect(found, `${admin}'s chat`).toBeDefined();
        return found!;
      });
      expect(message.text).toContain("Contoso High School");
      expect(message.text).toContain("Settings");
    }
    // …and the admin sees it in Teams' chat next to the tab.
    await page.locator(".chat-message").filter({ hasText: "needs attention" }).waitFor({ timeout: 15_000 });
    await screenshot(page, "chat-needs-attention");
  }, 90_000);
});
