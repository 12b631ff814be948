import { describe, expect, it } from "vitest";
import { appAndBrowserForThisFile, openInTeams, screenshot, seriousViolations } from "../helpers/browser.js";

const env = appAndBrowserForThisFile();

describe("connecting a tenant from Settings in Teams", () => {
  it("Northwind's admin opens Settings, enters the domain, consents in the pop-up, sees active", async () => {
    const page = await (await env.browser.newContext()).newPage();
    const tab = await openInTeams(page, env.app.sandbox.httpUrl, "owner@northwind.example", { tab: "admin" });
    await tab.getByRole("heading", { name: "Microsoft 365" }).waitFor();
    await expect(tab.getByTestId("link-status").first().textContent()).resolves.toBe("Not linked");
    await expect(tab.getByRole("main").textContent()).resolves.toContain("EduRoster.ReadBasic");
    expect(await seriousViolations(tab)).toEqual([]);
    await screenshot(page, "settings-not-linked");

    await tab.getByLabel("Tenant ID or domain").fill("northwind.example");
    const popupOpened = page.waitForEvent("popup");
    await tab.getByRole("button", { name: "Save and grant permissions" }).click();
    const popup = await popupOpened;
    await popup.waitForLoadState();
    expect(popup.url()).toContain("/v2.0/adminconsent");
    // Nadia is not a Global Administrator; Ned from IT is, and accepts for the organization.
    await popup.getByLabel(/admin@northwind\.example/).check();
    await screenshot(popup, "consent-popup");
    await popup.getByRole("button", { name: "Accept" }).click();
    await popup.waitForEvent("close", { timeout: 15_000 });

    await tab.getByText("Permissions granted. The tenant is connected.").waitFor();
    await tab.waitForFunction(() => [...document.querySelectorAll("[data-testid=link-status]")].some((b) => b.textContent === "Active"));
    await screenshot(page, "settings-active");

    const session = await env.app.call("POST", "/api/session", { as: "owner@northwind.example" });
    const settings = await env.app.call("GET", `/api/orgs/${session.body.membership.organization.id}/microsoft365`, { as: "owner@northwind.example" });
    expect(settings.body.tenants).toEqual([expect.objectContaining({ tid: "90d70000-0000-4000-8000-000000000003", status: "active" })]);
  });

  // Before the next test, which grants Fabrikam's consent for good.
  it("an org admin who is not a Global Administrator is told so plainly, next to the message for the one who is", async () => {
    const page = await (await env.browser.newContext()).newPage();
    const tab = await openInTeams(page, env.app.sandbox.httpUrl, "office@fabrikam.example", { tab: "admin" });
    await tab.getByRole("button", { name: "Make a link for IT" }).click();
    await tab.getByLabel("Message for your Global Administrator").waitFor();
    const message = await tab.getByLabel("Message for your Global Administrator").inputValue();
    expect(message).toContain("/v2.0/adminconsent");
    const popupOpened = page.waitForEvent("popup");
    await tab.getByRole("button", { name: "Grant permissions" }).first().click();
    const popup = await popupOpened;
    await popup.getByLabel(/office@fabrikam\.example/).check();
    await popup.getByRole("button", { name: "Accept" }).click();
    await popup.waitForEvent("close", { timeout: 15_000 });
    await tab.getByText("Only a Global Administrator of the tenant can grant these permissions. Make a link for IT below and send it to them.").waitFor();
    await expect(tab.getByTestId("link-status").first().textContent()).resolves.toBe("Awaiting consent");
    await screenshot(page, "settings-not-admin");
  });

  it("a Global Administrator signing in while the tenant awaits consent grants it from home", async () => {
    const page = await (await env.browser.newContext()).newPage();
    const tab = await openInTeams(page, env.app.sandbox.httpUrl, "principal@fabrikam.example");
    await tab.getByText("Permissions needed").waitFor();
    await screenshot(page, "home-consent-required");
    const popupOpened = page.waitForEvent("popup");
    await tab.getByRole("button", { name: "Grant permissions" }).click();
    const popup = await popupOpened;
    await popup.getByLabel(/principal@fabrikam\.example/).check();
    await popup.getByRole("button", { name: "Accept" }).click();
    await popup.waitForEvent("close", { timeout: 15_000 });
    await tab.getByText(/^Permissions granted/).waitFor();
    await tab.waitForFunction(() => !document.body.textContent?.includes("Permissions needed"));
    const session = await env.app.call("POST", "/api/session", { as: "principal@fabrikam.example" });
    expect(session.body.next).not.toBe("consent_required");
  });
});
