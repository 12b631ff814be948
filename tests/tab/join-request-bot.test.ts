import { describe, expect, it } from "vitest";
import { appAndBrowserForThisFile, openInTeams, reloadTeams, screenshot } from "../helpers/browser.js";

const env = appAndBrowserForThisFile();

describe("a join request decided from the bot's card in the Teams host", () => {
  it("an existing Contoso teacher asks to join and sees pending; the admin approves in the chat pane's card; the teacher and her students are members", async () => {
    // The principal has the bot installed, so the request's card reaches her chat.
    const admin = await (await env.browser.newContext()).newPage();
    await openInTeams(admin, env.app.sandbox.httpUrl, "principal@contoso.example");
    await admin.waitForFunction(() => document.body.dataset.chatReady === "true");
    const installed = admin.waitForResponse((r) => r.url().endsWith("/sandbox/connector/install"));
    await admin.getByRole("button", { name: "Add the bot" }).click();
    expect((await installed).status()).toBe(200);

    const teacher = await (await env.browser.newContext()).newPage();
    let tab = await openInTeams(teacher, env.app.sandbox.httpUrl, "tutor@contoso.example");
    await tab.getByText("Join Contoso High School").waitFor();
    await screenshot(teacher, "home-join-banner");
    await tab.getByRole("button", { name: "Ask to join" }).click();
    await tab.getByText("Your request to join Contoso High School is pending.").waitFor();
    expect(await tab.getByRole("button", { name: "Ask to join" }).count()).toBe(0);
    await screenshot(teacher, "home-request-pending");

    // The outbox delivers the card; the chat pane polls the connector and renders it.
    const card = admin.locator(".chat-card").filter({ hasText: "Tara Tan" }).last();
    await card.getByRole("button", { name: "Approve" }).click({ timeout: 30_000 });
    await card.getByText(/Approved by Priya Patel \(Principal\)/).waitFor({ timeout: 15_000 });
    await screenshot(admin, "chat-card-approved");

    tab = await reloadTeams(teacher);
    await expect(tab.getByTestId("membership").textContent()).resolves.toContain("You are a member of Contoso High School");
    for (const pupil of ["pupil1@contoso.example", "pupil2@contoso.example"]) {
      const session = await env.app.call("POST", "/api/session", { as: pupil });
      expect(session.body.membership?.organization.name).toBe("Contoso High School");
      expect(session.body.user.accountType).toBe("student");
    }
  }, 60_000);
});
