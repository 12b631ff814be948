import { describe, expect, it } from "vitest";
import { appAndBrowserForThisFile, expectAccessibleInBothThemes, openInTeams } from "../helpers/browser.js";

const env = appAndBrowserForThisFile();

describe("Conditional Access at a first sign-in in Teams (issue 11)", () => {
  it("the tab says why in plain words, offers to sign in again, passes Entra's claims challenge to Teams, and lets the person in once satisfied", async () => {
    const upn = "nosignal@contoso.example";
    const rule = await env.app.sandboxCall("PUT", "/sandbox/entra/faults/interaction-required", { upn });
    const policyId = rule.body.interactionRequired[0].policyId as string;

    const page = await (await env.browser.newContext()).newPage();
    // openInTeams waits for notifySuccess and throws on notifyFailure: this screen is the tab's own, not a failed load.
    const tab = await openInTeams(page, env.app.sandbox.httpUrl, upn);
    await tab.getByText("Your organization asks you to confirm your sign-in").waitFor();
    expect(await tab.getByRole("alert").innerText()).not.toMatch(/AADSTS|eyJ/);
    const again = tab.getByRole("button", { name: "Sign in again" });
    await again.waitFor();
    await expectAccessibleInBothThemes(page, tab, "interaction-required");

    // The person satisfies the policy (in a real tenant, Entra's multi-factor prompt that the challenge brings).
    await env.app.sandboxCall("DELETE", "/sandbox/entra/faults/interaction-required");
    await again.click();
    await tab.getByText("Contoso High School").first().waitFor();
    const claims = (await page.evaluate(() => (window as any).__teamsHost.tokenClaims)) as string[];
    expect(claims).toHaveLength(1);
    expect(JSON.parse(claims[0]!)).toEqual({ access_token: { capolids: { essential: true, values: [policyId] } } });
    expect(await tab.getByRole("alert").count()).toBe(0);
  }, 90_000);
});
