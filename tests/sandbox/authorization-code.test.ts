import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CryptoProvider } from "@azure/msal-node";
import { decodeJwt } from "jose";
import { CONTOSO_TID } from "../../sandbox/fixtures/index.js";
import { submitPersonaPage } from "../helpers/sandbox-browser.js";
import { requestTrusting } from "../helpers/sandbox-https.js";
import { sandboxMsalClient } from "../helpers/sandbox-msal.js";
import { startTestSandbox, TEST_REDIRECT_URI, testApp, type TestSandbox } from "../helpers/sandbox-server.js";

let running: TestSandbox;
beforeAll(async () => {
  running = await startTestSandbox();
});
afterAll(() => running.stop());

const signIn = { name: "action", value: "signin" };
const appScope = `${testApp.appIdUri}/access_as_user`;

describe("authorization code with PKCE", () => {
  it("msal-node's sign-in URL shows the persona picker; the code redeems once, only with the right verifier", async () => {
    const msal = sandboxMsalClient(running.sandbox, CONTOSO_TID);
    const pkce = await new CryptoProvider().generatePkceCodes();
    const authorizeUrl = await msal.getAuthCodeUrl({
      scopes: [appScope],
      redirectUri: TEST_REDIRECT_URI,
      codeChallenge: pkce.challenge,
      codeChallengeMethod: "S256",
      state: "st-1",
      loginHint: "tutor@contoso.example",
    });
    expect(authorizeUrl.startsWith(`${running.sandbox.httpUrl}/${CONTOSO_TID}/oauth2/v2.0/authorize?`)).toBe(true);
    const page = await requestTrusting(running.sandbox.caCertPem, authorizeUrl);
    expect(page.text).toMatch(/value="tutor@contoso.example" checked/);

    const { params } = await submitPersonaPage(running.sandbox.caCertPem, authorizeUrl, { upn: "tutor@contoso.example", button: signIn });
    expect(params.state).toBe("st-1");
    const request = { code: params.code!, scopes: [appScope], redirectUri: TEST_REDIRECT_URI };

    await expect(msal.acquireTokenByCode({ ...request, codeVerifier: "x".repeat(43) })).rejects.toThrow(/AADSTS501481/);
    const result = await msal.acquireTokenByCode({ ...request, codeVerifier: pkce.verifier });
    expect(decodeJwt(result.accessToken)).toMatchObject({
      aud: testApp.clientId,
      tid: CONTOSO_TID,
      oid: "c0a70500-a000-4000-8000-000000000007",
      scp: "access_as_user",
      azp: testApp.clientId,
    });
    expect(result.idTokenClaims).toMatchObject({ aud: testApp.clientId, preferred_username: "tutor@contoso.example" });
    expect(result.account?.tenantId).toBe(CONTOSO_TID);
    await expect(msal.acquireTokenByCode({ ...request, codeVerifier: pkce.verifier })).rejects.toThrow(/AADSTS54005/);
  });

  it("without a PKCE challenge the browser is sent back with invalid_request", async () => {
    const url = new URL(`${running.sandbox.httpUrl}/${CONTOSO_TID}/oauth2/v2.0/authorize`);
    for (const [k, v] of Object.entries({ client_id: testApp.clientId, redirect_uri: TEST_REDIRECT_URI, response_type: "code", scope: "openid", state: "s" })) {
      url.searchParams.set(k, v);
    }
    const response = await requestTrusting(running.sandbox.caCertPem, url.toString());
    expect(response.status).toBe(302);
    const back = new URL(response.headers.location!);
    expect(back.searchParams.get("error")).toBe("invalid_request");
    expect(back.searchParams.get("state")).toBe("s");
  });

  it("only the tenant's personas are offered on a tenant's authorize page", async () => {
    const msal = sandboxMsalClient(running.sandbox, "fabrikam.example");
    const pkce = await new CryptoProvider().generatePkceCodes();
    const url = await msal.getAuthCodeUrl({ scopes: ["User.Read"], redirectUri: TEST_REDIRECT_URI, codeChallenge: pkce.challenge, codeChallengeMethod: "S256" });
    const page = await requestTrusting(running.sandbox.caCertPem, url);
    expect(page.text).toContain("teacher@fabrikam.example");
    expect(page.text).not.toContain("teacher@contoso.example");
    const { params } = await submitPersonaPage(running.sandbox.caCertPem, url, { upn: "teacher@fabrikam.example", button: signIn });
    const result = await msal.acquireTokenByCode({ code: params.code!, scopes: ["User.Read"], redirectUri: TEST_REDIRECT_URI, codeVerifier: pkce.verifier });
    expect(decodeJwt(result.accessToken)).toMatchObject({ aud: "https://graph.microsoft.com", scp: "User.Read" });
  });
});
