import { InteractionRequiredAuthError } from "@azure/msal-node";
import { compactVerify, decodeProtectedHeader, importJWK } from "jose";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { CONTOSO_TID, FABRIKAM_TID } from "../../sandbox/fixtures/index.js";
import { postJson, requestTrusting, type PlainResponse } from "../helpers/sandbox-https.js";
import { sandboxMsalClient } from "../helpers/sandbox-msal.js";
import { startTestSandbox, testApp, type TestSandbox } from "../helpers/sandbox-server.js";

/** The sandbox's switches on Entra, driven over HTTP as a test or a person with curl would. */
let running: TestSandbox;
beforeAll(async () => {
  running = await startTestSandbox();
});
afterAll(() => running.stop());
afterEach(async () => {
  expect((await call("DELETE", "/sandbox/entra/faults")).status).toBe(200);
});

const url = (path: string) => `${running.sandbox.httpsUrl}${path}`;
const call = (method: string, path: string, body?: unknown): Promise<PlainResponse> =>
  requestTrusting(running.sandbox.caCertPem, url(path), {
    method,
    ...(body === undefined ? {} : { headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
  });
const ssoToken = async (upn: string, extra: Record<string, unknown> = {}) =>
  (await postJson(running.sandbox.caCertPem, url("/sandbox/token"), { upn, ...extra })).json<{ access_token: string }>().access_token;
const onBehalfOf = async (upn: string, tenant: string) =>
  sandboxMsalClient(running.sandbox, tenant).acquireTokenOnBehalfOf({ oboAssertion: await ssoToken(upn), scopes: ["https://graph.microsoft.com/.default"] });
const rawOnBehalfOf = async (upn: string, tenant: string) =>
  requestTrusting(running.sandbox.caCertPem, url(`/${tenant}/oauth2/v2.0/token`), {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      client_id: testApp.clientId,
      client_secret: testApp.clientSecret,
      grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer",
      requested_token_use: "on_behalf_of",
      assertion: await ssoToken(upn),
      scope: "https://graph.microsoft.com/.default",
    }).toString(),
  });

const keysPaths = ["/common/discovery/v2.0/keys", "/organizations/discovery/v2.0/keys", `/${CONTOSO_TID}/discovery/v2.0/keys`, "/consumers/discovery/v2.0/keys"];

describe("JWKS outage switch", () => {
  it("answers 503 on every keys endpoint while on, leaves metadata and tokens working, and serves the keys again when off", async () => {
    const on = await call("PUT", "/sandbox/entra/faults/jwks", { outage: "unavailable" });
    expect(on.status).toBe(200);
    expect(on.json()).toMatchObject({ jwksOutage: "unavailable" });
    for (const path of keysPaths) {
      const answer = await call("GET", path);
      expect(answer.status).toBe(503);
      expect(answer.headers["retry-after"]).toBe("30");
    }
    expect((await call("GET", `/${CONTOSO_TID}/v2.0/.well-known/openid-configuration`)).status).toBe(200);
    expect((await onBehalfOf("teacher@contoso.example", CONTOSO_TID))?.accessToken).toBeTruthy();

    expect((await call("PUT", "/sandbox/entra/faults/jwks", { outage: null })).json()).toMatchObject({ jwksOutage: null });
    for (const path of keysPaths) {
      const answer = await call("GET", path);
      expect(answer.status).toBe(200);
      expect(answer.json<{ keys: unknown[] }>().keys.length).toBeGreaterThan(0);
    }
  });

  it("closes the connection without an answer in connection_closed mode", async () => {
    await call("PUT", "/sandbox/entra/faults/jwks", { outage: "connection_closed" });
    await expect(call("GET", "/common/discovery/v2.0/keys")).rejects.toThrow(/socket hang up|ECONNRESET/);
    await call("DELETE", "/sandbox/entra/faults");
    expect((await call("GET", "/common/discovery/v2.0/keys")).status).toBe(200);
  });

  it("refuses a body that is not one of the modes, and changes nothing", async () => {
    for (const body of [{ outage: "down" }, {}, { outage: "unavailable", extra: 1 }]) {
      const answer = await call("PUT", "/sandbox/entra/faults/jwks", body);
      expect(answer.status).toBe(400);
      expect(answer.json()).toMatchObject({ error: "invalid_request" });
    }
    expect((await call("GET", "/sandbox/entra/faults")).json()).toEqual({ jwksOutage: null, interactionRequired: [] });
  });
});

describe("Conditional Access on on-behalf-of", () => {
  it("AADSTS50076 for one person: msal-node raises InteractionRequiredAuthError with the claims challenge; others are unaffected", async () => {
    const on = await call("PUT", "/sandbox/entra/faults/interaction-required", { upn: "Teacher@contoso.example" });
    expect(on.status).toBe(200);
    const refused = await onBehalfOf("teacher@contoso.example", CONTOSO_TID).then(
      () => null,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(InteractionRequiredAuthError);
    const error = refused as InteractionRequiredAuthError;
    expect(error).toMatchObject({ errorCode: "invalid_grant", subError: "basic_action" });
    expect(error.errorMessage).toMatch(/^AADSTS50076: .*you must use multi-factor authentication to access '00000003-0000-0000-c000-000000000000'/);
    const claims = JSON.parse(error.claims) as { access_token: { capolids: { essential: boolean; values: string[] } } };
    expect(claims.access_token.capolids.essential).toBe(true);
    expect(claims.access_token.capolids.values).toEqual([on.json<{ interactionRequired: Array<{ policyId: string }> }>().interactionRequired[0]!.policyId]);

    expect((await onBehalfOf("student@contoso.example", CONTOSO_TID))?.accessToken).toBeTruthy();
  });

  it("AADSTS50079 for a whole tenant answers Entra's documented interaction_required body", async () => {
    await call("PUT", "/sandbox/entra/faults/interaction-required", { tid: CONTOSO_TID, code: 50079 });
    const answer = await rawOnBehalfOf("student@contoso.example", CONTOSO_TID);
    expect(answer.status).toBe(400);
    const body = answer.json<Record<string, unknown>>();
    expect(body).toMatchObject({ error: "interaction_required", error_codes: [50079] });
    expect(body.suberror).toBeUndefined();
    expect(String(body.error_description)).toMatch(/^AADSTS50079: .*you must enroll in multi-factor authentication/);
    expect(JSON.parse(String(body.claims))).toMatchObject({ access_token: { capolids: { essential: true } } });
    expect(typeof body.trace_id).toBe("string");
    expect(typeof body.correlation_id).toBe("string");
  });

  it("a tenant without consent still answers AADSTS65001 first", async () => {
    await postJson(running.sandbox.caCertPem, url("/sandbox/consent/revoke"), { tid: FABRIKAM_TID });
    await call("PUT", "/sandbox/entra/faults/interaction-required", { tid: FABRIKAM_TID });
    const answer = await rawOnBehalfOf("teacher@fabrikam.example", FABRIKAM_TID);
    expect(answer.json()).toMatchObject({ error: "invalid_grant", error_codes: [65001], suberror: "consent_required" });
  });

  it("turned off, on-behalf-of succeeds again", async () => {
    await call("PUT", "/sandbox/entra/faults/interaction-required", { upn: "teacher@contoso.example" });
    await expect(onBehalfOf("teacher@contoso.example", CONTOSO_TID)).rejects.toThrow(/AADSTS50076/);
    expect((await call("DELETE", "/sandbox/entra/faults/interaction-required")).json()).toMatchObject({ interactionRequired: [] });
    expect((await onBehalfOf("teacher@contoso.example", CONTOSO_TID))?.accessToken).toBeTruthy();
  });

  it("refuses unknown people and tenants, and bodies naming both or neither", async () => {
    expect((await call("PUT", "/sandbox/entra/faults/interaction-required", { upn: "nobody@contoso.example" })).status).toBe(404);
    expect((await call("PUT", "/sandbox/entra/faults/interaction-required", { tid: "00000000-0000-4000-8000-00000000dead" })).status).toBe(404);
    expect((await call("PUT", "/sandbox/entra/faults/interaction-required", { upn: "teacher@contoso.example", tid: CONTOSO_TID })).status).toBe(400);
    expect((await call("PUT", "/sandbox/entra/faults/interaction-required", {})).status).toBe(400);
    expect((await call("PUT", "/sandbox/entra/faults/interaction-required", { upn: "teacher@contoso.example", code: 53003 })).status).toBe(400);
    expect((await call("GET", "/sandbox/entra/faults")).json()).toMatchObject({ interactionRequired: [] });
  });
});

describe("a token without kid", () => {
  it("POST /sandbox/token with omitKid signs with the real key but names none", async () => {
    const token = await ssoToken("teacher@contoso.example", { omitKid: true });
    const header = decodeProtectedHeader(token);
    expect(header.kid).toBeUndefined();
    expect(header).toMatchObject({ alg: "RS256", typ: "JWT" });
    expect(typeof header.x5t).toBe("string");
    // The signature is genuine: only the key's name is missing.
    const jwks = (await call("GET", "/common/discovery/v2.0/keys")).json<{ keys: Array<Record<string, string>> }>();
    const published = jwks.keys.find((k) => k.x5t === header.x5t)!;
    await expect(compactVerify(token, await importJWK({ kty: published.kty!, n: published.n!, e: published.e! }, "RS256"))).resolves.toBeTruthy();

    expect(decodeProtectedHeader(await ssoToken("teacher@contoso.example")).kid).toBe(published.kid);
  });
});

describe("reset", () => {
  it("DELETE /sandbox/entra/faults turns every switch off", async () => {
    await call("PUT", "/sandbox/entra/faults/jwks", { outage: "unavailable" });
    await call("PUT", "/sandbox/entra/faults/interaction-required", { tid: CONTOSO_TID });
    expect((await call("GET", "/sandbox/entra/faults")).json()).toMatchObject({ jwksOutage: "unavailable", interactionRequired: [{ tid: CONTOSO_TID, code: 50076 }] });
    expect((await call("DELETE", "/sandbox/entra/faults")).json()).toEqual({ jwksOutage: null, interactionRequired: [] });
    expect((await call("GET", "/common/discovery/v2.0/keys")).status).toBe(200);
    expect((await onBehalfOf("teacher@contoso.example", CONTOSO_TID))?.accessToken).toBeTruthy();
  });
});
