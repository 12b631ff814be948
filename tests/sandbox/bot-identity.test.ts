import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeJwt } from "jose";
import { SANDBOX_BOT_ID, SANDBOX_BOT_SECRET, SANDBOX_BOT_TENANT_ID } from "../../sandbox/index.js";
import { FABRIKAM_TID } from "../../sandbox/fixtures/index.js";
import { requestTrusting } from "../helpers/sandbox-https.js";
import { startTestSandbox, testApp, type TestSandbox } from "../helpers/sandbox-server.js";

let running: TestSandbox;
beforeAll(async () => {
  running = await startTestSandbox();
});
afterAll(() => running.stop());

const CONNECTOR_SCOPE = "https://api.botframework.com/.default";

async function tokenRequest(tenant: string, clientId: string, secret: string) {
  const form = new URLSearchParams({ grant_type: "client_credentials", client_id: clientId, client_secret: secret, scope: CONNECTOR_SCOPE });
  const answer = await requestTrusting(running.sandbox.caCertPem, `${running.sandbox.httpsUrl}/${tenant}/oauth2/v2.0/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: form.toString(),
  });
  return { status: answer.status, body: JSON.parse(answer.text) as Record<string, any> };
}

async function openConversation(token: string) {
  const answer = await requestTrusting(running.sandbox.caCertPem, `${running.sandbox.httpUrl}/connector/v3/conversations`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ tenantId: SANDBOX_BOT_TENANT_ID, members: [{ id: "29:principal", aadObjectId: "c0a70500-a000-4000-8000-000000000001" }] }),
  });
  return { status: answer.status, body: answer.text ? (JSON.parse(answer.text) as Record<string, any>) : {} };
}

async function sandboxJson(method: string, path: string, body?: unknown) {
  const answer = await requestTrusting(running.sandbox.caCertPem, `${running.sandbox.httpUrl}${path}`, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: answer.status, body: JSON.parse(answer.text) as Record<string, any> };
}

describe("the bot's identity, as Entra and Azure Bot Service enforce it", () => {
  it("a single-tenant bot's token asked from the botframework.com authority is refused with AADSTS700016 ('Bot Framework')", async () => {
    const answer = await tokenRequest("botframework.com", SANDBOX_BOT_ID, SANDBOX_BOT_SECRET);
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ error: "unauthorized_client", error_codes: [700016] });
    expect(answer.body.error_description).toMatch(
      new RegExp(`^AADSTS700016: Application with identifier '${SANDBOX_BOT_ID}' was not found in the directory 'Bot Framework'\\.`),
    );
  });

  it("…and from a tenant other than its own, naming that directory", async () => {
    const answer = await tokenRequest(FABRIKAM_TID, SANDBOX_BOT_ID, SANDBOX_BOT_SECRET);
    expect(answer.body).toMatchObject({ error: "unauthorized_client", error_codes: [700016] });
    expect(answer.body.error_description).toContain("was not found in the directory 'Fabrikam Academy'");
  });

  it("another app's secret is refused with AADSTS7000215 naming the bot's app", async () => {
    const answer = await tokenRequest(SANDBOX_BOT_TENANT_ID, SANDBOX_BOT_ID, testApp.clientSecret);
    expect(answer.status).toBe(401);
    expect(answer.body).toMatchObject({ error: "invalid_client", error_codes: [7000215] });
    expect(answer.body.error_description).toContain(`for a secret added to app '${SANDBOX_BOT_ID}'`);
  });

  it("from its own tenant the bot gets a connector token the connector accepts; the app's token is not the bot's", async () => {
    const answer = await tokenRequest(SANDBOX_BOT_TENANT_ID, SANDBOX_BOT_ID, SANDBOX_BOT_SECRET);
    expect(answer.status).toBe(200);
    expect(decodeJwt(answer.body.access_token)).toMatchObject({ aud: "https://api.botframework.com", azp: SANDBOX_BOT_ID, tid: SANDBOX_BOT_TENANT_ID });
    expect((await openConversation(answer.body.access_token)).status).toBe(201);

    const appToken = await tokenRequest(SANDBOX_BOT_TENANT_ID, testApp.clientId, testApp.clientSecret);
    const refused = await openConversation(appToken.body.access_token);
    expect(refused).toMatchObject({ status: 401, body: { message: "Authorization has been denied for this request." } });
  });

  it("a token the connector accepted becomes stale on request (401), and a new one passes", async () => {
    const first = await tokenRequest(SANDBOX_BOT_TENANT_ID, SANDBOX_BOT_ID, SANDBOX_BOT_SECRET);
    expect((await openConversation(first.body.access_token)).status).toBe(201);
    expect((await sandboxJson("POST", "/sandbox/connector/stale-tokens")).body.staleTokens).toBeGreaterThanOrEqual(1);
    expect((await openConversation(first.body.access_token)).status).toBe(401);
    const fresh = await tokenRequest(SANDBOX_BOT_TENANT_ID, SANDBOX_BOT_ID, SANDBOX_BOT_SECRET);
    expect((await openConversation(fresh.body.access_token)).status).toBe(201);
  });

  it("registering a multi-tenant bot is refused as Azure Bot Service refuses it; single-tenant needs its tenant", async () => {
    const multi = await sandboxJson("PUT", "/sandbox/bot-registration", { msaAppId: SANDBOX_BOT_ID, msaAppType: "MultiTenant" });
    expect(multi).toEqual({
      status: 400,
      body: { error: { code: "InvalidBotCreationData", message: "Multitenant bot creation is deprecated. Please use SingleTenant or UserAssignedMSI" } },
    });
    const noTenant = await sandboxJson("PUT", "/sandbox/bot-registration", { msaAppId: SANDBOX_BOT_ID, msaAppType: "SingleTenant" });
    expect(noTenant.status).toBe(400);
    // Nothing changed: the registration is still the single-tenant bot of its home tenant.
    expect((await sandboxJson("GET", "/sandbox/bot-registration")).body).toEqual({ msaAppId: SANDBOX_BOT_ID, msaAppType: "SingleTenant", msaAppTenantId: SANDBOX_BOT_TENANT_ID });
  });
});
