import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { GraphError } from "@microsoft/microsoft-graph-client";
import { CONTOSO_TID, FABRIKAM_TID, NORTHWIND_TID } from "../../sandbox/fixtures/index.js";
import { sandboxGraphClient } from "../helpers/sandbox-graph.js";
import { postJson, requestTrusting } from "../helpers/sandbox-https.js";
import { sandboxMsalClient } from "../helpers/sandbox-msal.js";
import { startTestSandbox, testApp, type TestSandbox } from "../helpers/sandbox-server.js";

let running: TestSandbox;
beforeAll(async () => {
  running = await startTestSandbox();
});
afterAll(() => running.stop());

const sandboxUrl = (path: string) => `${running.sandbox.httpsUrl}${path}`;
const ssoToken = async (upn: string) =>
  (await postJson(running.sandbox.caCertPem, sandboxUrl("/sandbox/token"), { upn })).json<{ access_token: string }>().access_token;

/** What the app does on first sign-in: OBO through msal-node, then Graph with the Graph client. */
async function graphFor(upn: string, tenant: string, scopes: string[]) {
  const msal = sandboxMsalClient(running.sandbox, tenant);
  const result = await msal.acquireTokenOnBehalfOf({ oboAssertion: await ssoToken(upn), scopes });
  if (!result) throw new Error("no OBO result");
  return { result, graph: sandboxGraphClient(running.sandbox, result.accessToken) };
}

const graphScopes = ["https://graph.microsoft.com/User.Read", "https://graph.microsoft.com/EduRoster.ReadBasic"];

describe("on-behalf-of through msal-node, then Microsoft Graph", () => {
  beforeEach(async () => {
    await requestTrusting(running.sandbox.caCertPem, sandboxUrl("/sandbox/graph/requests"), { method: "DELETE" });
  });

  it("a Contoso teacher's Graph token reads education/me as a teacher", async () => {
    const { result, graph } = await graphFor("teacher@contoso.example", CONTOSO_TID, graphScopes);
    expect(result.tenantId).toBe(CONTOSO_TID);
    expect(result.scopes.map((s) => s.toLowerCase())).toEqual(expect.arrayContaining(graphScopes.map((s) => s.toLowerCase())));
    const me = await graph.api("/me").get();
    expect(me).toMatchObject({ id: "c0a70500-a000-4000-8000-000000000004", userPrincipalName: "teacher@contoso.example" });
    const education = await graph.api("/education/me").get();
    expect(education.primaryRole).toBe("teacher");
    const groups = await graph.api("/me/transitiveMemberOf").get();
    expect(groups.value.map((g: { displayName: string }) => g.displayName)).toContain("Teachers");
  });

  it("without consent, Fabrikam's OBO fails with AADSTS65001; after admin consent the licences can be read", async () => {
    await postJson(running.sandbox.caCertPem, sandboxUrl("/sandbox/consent/revoke"), { tid: FABRIKAM_TID });
    const refused = graphFor("teacher@fabrikam.example", FABRIKAM_TID, graphScopes);
    await expect(refused).rejects.toMatchObject({ errorCode: "invalid_grant", subError: "consent_required" });
    await expect(refused).rejects.toThrow(/AADSTS65001/);

    await postJson(running.sandbox.caCertPem, sandboxUrl("/sandbox/consent/grant"), { tid: FABRIKAM_TID });
    const { graph } = await graphFor("teacher@fabrikam.example", FABRIKAM_TID, ["https://graph.microsoft.com/.default"]);
    const licences = await graph.api("/me/licenseDetails").get();
    expect(licences.value.map((l: { skuPartNumber: string }) => l.skuPartNumber)).toEqual(["M365EDU_A3_FACULTY"]);
    await expect(graph.api("/education/me").get()).rejects.toMatchObject({ statusCode: 404 });
  });

  it("the raw token answer carries Entra's error shape with error_codes [65001]", async () => {
    const form = new URLSearchParams({
      client_id: testApp.clientId,
      client_secret: testApp.clientSecret,
      grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer",
      requested_token_use: "on_behalf_of",
      assertion: await ssoToken("owner@northwind.example"),
      scope: "https://graph.microsoft.com/User.Read",
    });
    const response = await requestTrusting(running.sandbox.caCertPem, sandboxUrl(`/${NORTHWIND_TID}/oauth2/v2.0/token`), {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: form.toString(),
    });
    expect(response.status).toBe(400);
    expect(response.json()).toMatchObject({ error: "invalid_grant", error_codes: [65001], suberror: "consent_required" });
    expect(response.json<{ error_description: string }>().error_description).toMatch(/^AADSTS65001: The user or administrator has not consented/);
  });

  it("a wrong client secret is refused with 401 AADSTS7000215", async () => {
    const form = new URLSearchParams({ grant_type: "client_credentials", scope: "https://graph.microsoft.com/.default" });
    const basic = Buffer.from(`${testApp.clientId}:wrong`).toString("base64");
    const response = await requestTrusting(running.sandbox.caCertPem, sandboxUrl(`/${CONTOSO_TID}/oauth2/v2.0/token`), {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", authorization: `Basic ${basic}` },
      body: form.toString(),
    });
    expect(response.status).toBe(401);
    expect(response.json()).toMatchObject({ error: "invalid_client", error_codes: [7000215] });
  });

  it("client credentials: an app-only token where the tenant consented, AADSTS7000229 where it has no service principal", async () => {
    const form = new URLSearchParams({ grant_type: "client_credentials", scope: "https://graph.microsoft.com/.default" });
    const basic = Buffer.from(`${testApp.clientId}:${testApp.clientSecret}`).toString("base64");
    const ask = (tid: string) =>
      requestTrusting(running.sandbox.caCertPem, sandboxUrl(`/${tid}/oauth2/v2.0/token`), {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", authorization: `Basic ${basic}` },
        body: form.toString(),
      });
    const consented = await ask(CONTOSO_TID);
    expect(consented.status).toBe(200);
    expect(consented.json()).toMatchObject({ token_type: "Bearer" });
    await postJson(running.sandbox.caCertPem, sandboxUrl("/sandbox/consent/revoke"), { tid: NORTHWIND_TID });
    const never = await ask(NORTHWIND_TID);
    expect(never.status).toBe(401);
    expect(never.json()).toMatchObject({ error: "invalid_client", error_codes: [7000229] });
    expect(never.json<{ error_description: string }>().error_description).toMatch(/^AADSTS7000229: The client application .* is missing service principal in the tenant/);
  });

  it("the faulty persona gets 429 with Retry-After, then 503, then 429 again; the log shows each call", async () => {
    const { graph } = await graphFor("flaky@contoso.example", CONTOSO_TID, graphScopes);
    const first = await graph.api("/education/me").get().catch((e: unknown) => e);
    expect(first).toBeInstanceOf(GraphError);
    expect((first as GraphError).statusCode).toBe(429);
    expect((first as GraphError).headers?.get("retry-after")).toBe("1");
    await expect(graph.api("/education/me").get()).rejects.toMatchObject({ statusCode: 503 });
    await expect(graph.api("/education/me").get()).rejects.toMatchObject({ statusCode: 429 });

    const log = (await requestTrusting(running.sandbox.caCertPem, sandboxUrl("/sandbox/graph/requests?upn=flaky@contoso.example"))).json<
      { status: number; path: string }[]
    >();
    expect(log.map((r) => r.status)).toEqual([429, 503, 429]);
    expect(log[0]!.path).toBe("/v1.0/education/me");
  });

  it("faults can be changed at runtime, including a slow answer, and cleared", async () => {
    const { graph } = await graphFor("student@contoso.example", CONTOSO_TID, graphScopes);
    const set = (faults: unknown) =>
      requestTrusting(running.sandbox.caCertPem, sandboxUrl("/sandbox/graph/faults/student@contoso.example"), {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(faults),
      });
    await set([{ delayMs: 300 }]);
    const started = Date.now();
    expect((await graph.api("/education/me").get()).primaryRole).toBe("student");
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    await set([{ status: 503 }]);
    await expect(graph.api("/me").get()).rejects.toMatchObject({ statusCode: 503 });
    await set([]);
    expect((await graph.api("/me").get()).displayName).toBe("Sofia Silva");
  });

  it("education/me needs EduRoster.ReadBasic in the token, as Graph does", async () => {
    const { graph } = await graphFor("student@contoso.example", CONTOSO_TID, ["https://graph.microsoft.com/User.Read"]);
    await expect(graph.api("/education/me").get()).rejects.toMatchObject({ statusCode: 403 });
    await expect(graph.api("/organization").get()).resolves.toMatchObject({ value: [{ id: CONTOSO_TID, displayName: "Contoso High School" }] });
  });

  it("personal accounts cannot be exchanged, and an expired assertion is refused", async () => {
    await expect(graphFor("sam@live.example", "common", graphScopes)).rejects.toThrow(/AADSTS500200/);
    const expired = (
      await postJson(running.sandbox.caCertPem, sandboxUrl("/sandbox/token"), { upn: "teacher@contoso.example", claims: { iat: 1, nbf: 1, exp: 2 } })
    ).json<{ access_token: string }>().access_token;
    const msal = sandboxMsalClient(running.sandbox, CONTOSO_TID);
    await expect(msal.acquireTokenOnBehalfOf({ oboAssertion: expired, scopes: graphScopes })).rejects.toThrow(/AADSTS500133/);
  });
});
