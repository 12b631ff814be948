import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONTOSO_TID, FABRIKAM_TID, PERSONAL_ACCOUNTS_TID } from "../../sandbox/fixtures/index.js";
import { requestTrusting } from "../helpers/sandbox-https.js";
import { startTestSandbox, type TestSandbox } from "../helpers/sandbox-server.js";

let running: TestSandbox;
beforeAll(async () => {
  running = await startTestSandbox();
});
afterAll(() => running.stop());

const metadata = (tenant: string) =>
  requestTrusting(running.sandbox.caCertPem, `${running.sandbox.httpsUrl}/${tenant}/v2.0/.well-known/openid-configuration`);

describe("OpenID metadata", () => {
  it("a domain answers with its tenant's metadata, which is how the app resolves domain to tenant id", async () => {
    const response = await metadata("fabrikam.example");
    expect(response.status).toBe(200);
    const body = response.json<Record<string, string>>();
    expect(body.issuer).toBe(`${running.sandbox.httpsUrl}/${FABRIKAM_TID}/v2.0`);
    expect(body.token_endpoint).toBe(`${running.sandbox.httpsUrl}/${FABRIKAM_TID}/oauth2/v2.0/token`);
    expect(body.jwks_uri).toBe(`${running.sandbox.httpsUrl}/${FABRIKAM_TID}/discovery/v2.0/keys`);
    expect(body.authorization_endpoint).toBe(`${running.sandbox.httpUrl}/${FABRIKAM_TID}/oauth2/v2.0/authorize`);
    expect(body).toHaveProperty("tenant_region_scope");
    expect(body).toHaveProperty("end_session_endpoint");
  });

  it("common uses the issuer template; consumers points at the personal-accounts keys", async () => {
    expect((await metadata("common")).json<{ issuer: string }>().issuer).toBe(`${running.sandbox.httpsUrl}/{tenantid}/v2.0`);
    const consumers = (await metadata("consumers")).json<{ issuer: string; jwks_uri: string }>();
    expect(consumers.issuer).toBe(`${running.sandbox.httpsUrl}/${PERSONAL_ACCOUNTS_TID}/v2.0`);
    expect(consumers.jwks_uri).toBe(`${running.sandbox.httpsUrl}/consumers/discovery/v2.0/keys`);
    const tenantId = (await metadata(CONTOSO_TID)).json<{ issuer: string }>().issuer;
    expect(tenantId).toBe(`${running.sandbox.httpsUrl}/${CONTOSO_TID}/v2.0`);
  });

  it("an unknown domain is Entra's invalid_tenant error, not a crash", async () => {
    const response = await metadata("nowhere.example");
    expect(response.status).toBe(400);
    const body = response.json<{ error: string; error_description: string; error_codes: number[] }>();
    expect(body.error).toBe("invalid_tenant");
    expect(body.error_description).toMatch(/^AADSTS90002: Tenant 'nowhere.example' not found/);
    expect(body.error_codes).toEqual([90002]);
  });

  it("the personal-accounts tenant's JWKS has only the personal key", async () => {
    const organizational = (await requestTrusting(running.sandbox.caCertPem, `${running.sandbox.httpsUrl}/common/discovery/v2.0/keys`)).json<{
      keys: { kid: string }[];
    }>();
    const personal = (await requestTrusting(running.sandbox.caCertPem, `${running.sandbox.httpsUrl}/${PERSONAL_ACCOUNTS_TID}/discovery/v2.0/keys`)).json<{
      keys: { kid: string; x5t: string; kty: string; use: string }[];
    }>();
    expect(personal.keys).toHaveLength(1);
    expect(personal.keys[0]).toMatchObject({ kty: "RSA", use: "sig" });
    expect(organizational.keys.map((k) => k.kid)).not.toContain(personal.keys[0]!.kid);
  });
});
