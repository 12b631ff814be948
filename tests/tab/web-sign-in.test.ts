import { describe, expect, it } from "vitest";
import { appAndBrowserForThisFile, screenshot, seriousViolations } from "../helpers/browser.js";

const env = appAndBrowserForThisFile();

describe("the same app outside Teams", () => {
  it("signs in with Microsoft (authorization code + PKCE against the sandbox) and lands on home", async () => {
    const page = await (await env.browser.newContext()).newPage();
    await page.goto(`${env.app.url}/#/home`);
    await page.getByRole("button", { name: "Sign in with Microsoft" }).waitFor();
    expect(await seriousViolations(page.mainFrame())).toEqual([]);
    await screenshot(page, "web-sign-in");

    await page.getByRole("button", { name: "Sign in with Microsoft" }).click();
    await page.waitForURL((url) => url.pathname.endsWith("/oauth2/v2.0/authorize"));
    expect(new URL(page.url()).searchParams.get("code_challenge_method")).toBe("S256");
    await page.getByLabel(/student@contoso\.example/).check();
    await page.getByRole("button", { name: "Sign in" }).click();

    await page.getByRole("heading", { name: "Welcome, Sofia Silva" }).waitFor();
    // The code left the address bar and history once it was redeemed.
    expect(new URL(page.url()).pathname).toBe("/");
    expect(page.url()).not.toContain("code=");
    await expect(page.getByTestId("membership").textContent()).resolves.toContain("You are a member of Contoso High School");
  });

  it("refuses a sign-in answer it did not start (state mismatch) and offers to sign in again", async () => {
    const page = await (await env.browser.newContext()).newPage();
    await page.goto(`${env.app.url}/auth/callback?code=forged&state=forged`);
    await page.getByText("The sign-in answer did not match the sign-in that was started here. Please sign in again.").waitFor();
    await page.getByRole("button", { name: "Sign in with Microsoft" }).waitFor();
  });

  it("the API refuses to redeem a code it cannot verify, with the authority's reason", async () => {
    const answer = await env.app.call("POST", "/api/auth/token", { body: { code: "not-a-code", codeVerifier: "v".repeat(43) } });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ code: "sign_in_failed" });
    expect(answer.body.detail).toContain("AADSTS9002313");
  });
});
