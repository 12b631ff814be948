import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONTOSO_TID, FABRIKAM_TID, NORTHWIND_TID } from "../../sandbox/fixtures/index.js";
import { submitPersonaPage } from "../helpers/sandbox-browser.js";
import { requestTrusting } from "../helpers/sandbox-https.js";
import { startTestSandbox, TEST_CONSENT_REDIRECT_URI, testApp, type TestSandbox } from "../helpers/sandbox-server.js";

let running: TestSandbox;
beforeAll(async () => {
  running = await startTestSandbox();
});
afterAll(() => running.stop());

const scope = "https://graph.microsoft.com/User.Read https://graph.microsoft.com/EduRoster.ReadBasic";

/** The consent URL the app builds (§3.3), on the browser-facing http side. */
function consentUrl(tenant: string, extra: Record<string, string> = {}): string {
  const url = new URL(`${running.sandbox.httpUrl}/${tenant}/v2.0/adminconsent`);
  const params = { client_id: testApp.clientId, redirect_uri: TEST_CONSENT_REDIRECT_URI, scope, state: "s-123", ...extra };
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return url.toString();
}

const accept = { name: "decision", value: "accept" };
const decline = { name: "decision", value: "decline" };
const grants = async () =>
  (await requestTrusting(running.sandbox.caCertPem, `${running.sandbox.httpsUrl}/sandbox/consent`)).json<{
    grants: { tid: string; scopes: string[] }[];
  }>().grants;

describe("admin consent", () => {
  it("shows the permissions and the tenant's personas, with login_hint preselected", async () => {
    const page = await requestTrusting(running.sandbox.caCertPem, consentUrl(FABRIKAM_TID, { login_hint: "it@fabrikam.example" }));
    expect(page.status).toBe(200);
    expect(page.text).toContain("EduRoster.ReadBasic");
    expect(page.text).toMatch(/value="it@fabrikam.example" checked/);
    expect(page.text).toContain('<html lang="en">');
  });

  it("a tenant admin who accepts is sent back with admin_consent=True, the tenant and the scopes, and the grant is recorded", async () => {
    const { location, params } = await submitPersonaPage(running.sandbox.caCertPem, consentUrl(FABRIKAM_TID), {
      upn: "it@fabrikam.example",
      button: accept,
    });
    expect(location.startsWith(TEST_CONSENT_REDIRECT_URI)).toBe(true);
    expect(params).toEqual({ admin_consent: "True", tenant: FABRIKAM_TID, scope, state: "s-123" });
    expect((await grants()).find((g) => g.tid === FABRIKAM_TID)?.scopes).toEqual(["User.Read", "EduRoster.ReadBasic"]);
  });

  it("declining answers access_denied with AADSTS65004, and admin_consent=True alongside the error", async () => {
    const { params } = await submitPersonaPage(running.sandbox.caCertPem, consentUrl(NORTHWIND_TID), {
      upn: "admin@northwind.example",
      button: decline,
    });
    expect(params).toMatchObject({ error: "access_denied", error_subcode: "cancel", admin_consent: "True", state: "s-123" });
    expect(params.error_description).toMatch(/^AADSTS65004: User declined to consent/);
    expect((await grants()).some((g) => g.tid === NORTHWIND_TID)).toBe(false);
  });

  it("a persona who is not a tenant admin gets AADSTS90094 and nothing is granted", async () => {
    const { params } = await submitPersonaPage(running.sandbox.caCertPem, consentUrl(NORTHWIND_TID), {
      upn: "owner@northwind.example",
      button: accept,
    });
    expect(params.error).toBe("access_denied");
    expect(params.error_description).toMatch(/^AADSTS90094: .*only an admin can grant/);
    expect(params.admin_consent).toBeUndefined();
    expect((await grants()).some((g) => g.tid === NORTHWIND_TID)).toBe(false);
  });

  it("the returned tenant is the signing-in admin's, even when the URL named another tenant", async () => {
    const { params } = await submitPersonaPage(running.sandbox.caCertPem, consentUrl("northwind.example"), {
      upn: "principal@contoso.example",
      button: accept,
    });
    expect(params).toMatchObject({ admin_consent: "True", tenant: CONTOSO_TID });
  });

  it("revoking a tenant's grant removes it", async () => {
    const revoke = await requestTrusting(running.sandbox.caCertPem, `${running.sandbox.httpsUrl}/sandbox/consent/revoke`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ tid: CONTOSO_TID }),
    });
    expect(revoke.json()).toEqual({ revoked: true });
    expect((await grants()).some((g) => g.tid === CONTOSO_TID)).toBe(false);
  });

  it("an unregistered redirect URI or unknown app gets an error page, never a redirect", async () => {
    const badRedirect = await requestTrusting(running.sandbox.caCertPem, consentUrl(FABRIKAM_TID, { redirect_uri: "https://evil.example/cb" }));
    expect(badRedirect.status).toBe(400);
    expect(badRedirect.headers.location).toBeUndefined();
    expect(badRedirect.text).toContain("AADSTS50011");
    const badClient = await requestTrusting(running.sandbox.caCertPem, consentUrl(FABRIKAM_TID, { client_id: "00000000-0000-0000-0000-000000000000" }));
    expect(badClient.text).toContain("AADSTS700016");
    const badTenant = await requestTrusting(running.sandbox.caCertPem, consentUrl("unknown.example"));
    expect(badTenant.text).toContain("AADSTS90002");
  });
});
