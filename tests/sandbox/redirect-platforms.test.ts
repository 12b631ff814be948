import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CryptoProvider } from "@azure/msal-node";
import { decodeJwt } from "jose";
import { startSandbox, type RunningSandbox } from "../../sandbox/index.js";
import { CONTOSO_TID } from "../../sandbox/fixtures/index.js";
import { submitPersonaPage } from "../helpers/sandbox-browser.js";
import { requestTrusting } from "../helpers/sandbox-https.js";
import { sandboxMsalClient } from "../helpers/sandbox-msal.js";
import { testApp } from "../helpers/sandbox-server.js";

const APP_BASE = "http://localhost:3978";
const CALLBACK = `${APP_BASE}/auth/callback`;
const CONSENT_CALLBACK = `${APP_BASE}/api/consent/callback`;
const appScope = `${testApp.appIdUri}/access_as_user`;
const signIn = { name: "action", value: "signin" };

let dir: string;
const started: RunningSandbox[] = [];
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "rosterlink-platforms-"));
});
afterAll(async () => {
  await Promise.all(started.map((sandbox) => sandbox.close()));
  await rm(dir, { recursive: true, force: true });
});

/** A sandbox whose app registration is read from `manifest` (a path), as main.ts reads aad.manifest.json. */
async function sandboxWith(manifestPath: string): Promise<RunningSandbox> {
  const { redirectUris: _unused, ...app } = testApp;
  const sandbox = await startSandbox({ port: 0, dataDir: await mkdtemp(join(dir, "s-")), app: { ...app, manifestPath }, appBaseUrl: APP_BASE });
  started.push(sandbox);
  return sandbox;
}

/** The repository's aad.manifest.json with `/auth/callback` moved to another platform. */
async function manifestWithCallbackAs(type: string): Promise<string> {
  const manifest = JSON.parse(await readFile(resolve("aad.manifest.json"), "utf8")) as { replyUrlsWithType: { url: string; type: string }[] };
  for (const reply of manifest.replyUrlsWithType) if (reply.url.endsWith("/auth/callback")) reply.type = type;
  const path = join(dir, `aad.manifest.${type}.json`);
  await writeFile(path, JSON.stringify(manifest));
  return path;
}

async function codeFor(sandbox: RunningSandbox, redirectUri: string, scopes: string[]) {
  const msal = sandboxMsalClient(sandbox, CONTOSO_TID);
  const pkce = await new CryptoProvider().generatePkceCodes();
  const url = await msal.getAuthCodeUrl({ scopes, redirectUri, codeChallenge: pkce.challenge, codeChallengeMethod: "S256" });
  const { params } = await submitPersonaPage(sandbox.caCertPem, url, { upn: "teacher@contoso.example", button: signIn });
  return { msal, code: params.code!, verifier: pkce.verifier };
}

describe("redirect URIs and their platforms come from aad.manifest.json", () => {
  it("with the repository's manifest, a server redeems the /auth/callback code with its secret (Web platform)", async () => {
    const sandbox = await sandboxWith(resolve("aad.manifest.json"));
    const { msal, code, verifier } = await codeFor(sandbox, CALLBACK, [appScope]);
    const result = await msal.acquireTokenByCode({ code, codeVerifier: verifier, redirectUri: CALLBACK, scopes: [appScope] });
    expect(decodeJwt(result.accessToken)).toMatchObject({ aud: testApp.clientId, tid: CONTOSO_TID });
  });

  it("a code issued to a Spa redirect URI and redeemed by a server (no Origin) is refused with AADSTS9002327", async () => {
    const sandbox = await sandboxWith(await manifestWithCallbackAs("Spa"));
    const { msal, code, verifier } = await codeFor(sandbox, CALLBACK, [appScope]);
    const refusal = msal.acquireTokenByCode({ code, codeVerifier: verifier, redirectUri: CALLBACK, scopes: [appScope] });
    await expect(refusal).rejects.toMatchObject({ errorCode: "invalid_request" });
    await expect(refusal).rejects.toThrow(/AADSTS9002327: Tokens issued for the 'Single-Page Application' client-type may only be redeemed via cross-origin requests/);
  });

  it("a Web redirect URI's code redeemed cross-origin (with Origin) is refused with AADSTS9002326, in Entra's body shape", async () => {
    const sandbox = await sandboxWith(resolve("aad.manifest.json"));
    const { code, verifier } = await codeFor(sandbox, CONSENT_CALLBACK, ["User.Read"]);
    const form = new URLSearchParams({ grant_type: "authorization_code", client_id: testApp.clientId, client_secret: testApp.clientSecret, code, code_verifier: verifier, redirect_uri: CONSENT_CALLBACK, scope: "User.Read" });
    const answer = await requestTrusting(sandbox.caCertPem, `${sandbox.httpsUrl}/${CONTOSO_TID}/oauth2/v2.0/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: APP_BASE },
      body: form.toString(),
    });
    expect(answer.status).toBe(400);
    const body = JSON.parse(answer.text) as Record<string, unknown>;
    expect(body).toMatchObject({ error: "invalid_request", error_codes: [9002326] });
    expect(Object.keys(body)).toEqual(expect.arrayContaining(["error_description", "timestamp", "trace_id", "correlation_id", "error_uri"]));
    expect(body.error_description).toMatch(/^AADSTS9002326: Cross-origin token redemption is permitted only for the 'Single-Page Application' client-type\. Request origin: 'http:\/\/localhost:3978'\./);
  });

  it("a redirect URI the manifest does not register is refused on the sign-in page with AADSTS50011", async () => {
    const sandbox = await sandboxWith(resolve("aad.manifest.json"));
    const url = new URL(`${sandbox.httpUrl}/${CONTOSO_TID}/oauth2/v2.0/authorize`);
    const params = { client_id: testApp.clientId, redirect_uri: `${APP_BASE}/auth/elsewhere`, response_type: "code", scope: "openid", code_challenge: "x".repeat(43), code_challenge_method: "S256" };
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
    const page = await requestTrusting(sandbox.caCertPem, url.toString());
    expect(page.status).toBe(400);
    expect(page.text).toContain("AADSTS50011");
    expect(page.headers.location).toBeUndefined();
  });

  it("a manifest placeholder the sandbox cannot fill stops the sandbox from starting, naming it", async () => {
    const manifest = JSON.parse(await readFile(resolve("aad.manifest.json"), "utf8")) as { replyUrlsWithType: { url: string; type: string }[] };
    manifest.replyUrlsWithType.push({ url: "${{SOME_OTHER_ENDPOINT}}/cb", type: "Web" });
    const path = join(dir, "aad.manifest.unknown.json");
    await writeFile(path, JSON.stringify(manifest));
    await expect(sandboxWith(path)).rejects.toThrow(/SOME_OTHER_ENDPOINT/);
  });
});
