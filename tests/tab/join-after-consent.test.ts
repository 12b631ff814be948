import { describe, expect, it } from "vitest";
import { appAndBrowserForThisFile, openInTeams, reloadTeams, seriousViolations } from "../helpers/browser.js";
import { consentThroughEntra } from "../helpers/consent.js";

const env = appAndBrowserForThisFile();

describe("people who open RosterLink before their tenant's consent", () => {
  it("a Fabrikam teacher (light) and student (dark) are told they will join, and join at their next visit after consent", async () => {
    const people = [
      { upn: "teacher@fabrikam.example", theme: "default" as const },
      { upn: "student@fabrikam.example", theme: "dark" as const },
    ];
    const opened = [];
    for (const person of people) {
      const page = await (await env.browser.newContext()).newPage();
      const tab = await openInTeams(page, env.app.sandbox.httpUrl, person.upn, { theme: person.theme });
      await tab.getByTestId("awaiting-consent").waitFor();
      await expect(tab.getByTestId("awaiting-consent").textContent()).resolves.toContain("Fabrikam Academy District");
      expect(await seriousViolations(tab)).toEqual([]);
      opened.push(page);
    }

    const offer = await env.app.call("POST", "/api/session", { as: "principal@fabrikam.example" });
    expect((await consentThroughEntra(env.app, offer.body.consent.url, "principal@fabrikam.example")).outcome).toBe("granted");

    for (const page of opened) {
      const tab = await reloadTeams(page);
      await tab.getByTestId("membership").filter({ hasText: "You are a member of Fabrikam Academy District." }).waitFor();
      await expect(tab.getByTestId("account-type").textContent()).resolves.toMatch(/Teacher|Student/);
      expect(await tab.getByTestId("awaiting-consent").count()).toBe(0);
    }
  });
});
