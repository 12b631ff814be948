import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRemoteJWKSet, customFetch, decodeProtectedHeader, errors, jwtVerify } from "jose";
import { CONTOSO_TID, FABRIKAM_TID, GLOBAL_ADMINISTRATOR_ROLE, NORTHWIND_TID, TEAMS_CLIENT_ID } from "../../sandbox/fixtures/index.js";
import { fetchTrusting, postJson } from "../helpers/sandbox-https.js";
import { startTestSandbox, testApp, type TestSandbox } from "../helpers/sandbox-server.js";

let running: TestSandbox;
beforeAll(async () => {
  running = await startTestSandbox();
});
afterAll(() => running.stop());

const mint = async (body: Record<string, unknown>) => {
  const response = await postJson(running.sandbox.caCertPem, `${running.sandbox.httpsUrl}/sandbox/token`, body);
  return { status: response.status, token: response.json<{ access_token?: string }>().access_token ?? "" };
};

const jwks = (path: string) =>
  createRemoteJWKSet(new URL(`${running.sandbox.httpsUrl}${path}`), {
    [customFetch]: fetchTrusting(running.sandbox.caCertPem),
  });

describe("sandbox tokens", () => {
  it("a minted token verifies against the organizational JWKS over HTTPS and carries Entra v2 claims", async () => {
    const { token } = await mint({ upn: "teacher@contoso.example" });
    const { payload, protectedHeader } = await jwtVerify(token, jwks("/common/discovery/v2.0/keys"), {
      algorithms: ["RS256"],
    });
    expect(protectedHeader).toMatchObject({ alg: "RS256", typ: "JWT" });
    expect(protectedHeader.kid).toBeTruthy();
    expect(protectedHeader.x5t).toBe(protectedHeader.kid);
    expect(payload).toMatchObject({
      aud: testApp.clientId,
      iss: `${running.sandbox.httpsUrl}/${CONTOSO_TID}/v2.0`,
      tid: CONTOSO_TID,
      oid: "c0a70500-a000-4000-8000-000000000004",
      preferred_username: "teacher@contoso.example",
      name: "Tomas Torres",
      scp: "access_as_user",
      azp: TEAMS_CLIENT_ID,
      azpacr: "0",
      ver: "2.0",
      acct: 0,
    });
    for (const claim of ["iat", "nbf", "exp", "aio", "rh", "sub", "uti"]) expect(payload[claim]).toBeDefined();
    expect(payload.exp! - payload.iat!).toBe(3600);
    expect(payload.wids).not.toContain(GLOBAL_ADMINISTRATOR_ROLE);
  });

  it("a tenant admin's token lists Global Administrator in wids", async () => {
    const { token } = await mint({ upn: "it@fabrikam.example" });
    const { payload } = await jwtVerify(token, jwks(`/${FABRIKAM_TID}/discovery/v2.0/keys`));
    expect(payload.wids).toContain(GLOBAL_ADMINISTRATOR_ROLE);
  });

  it("a guest's token has acct=1 and the home tenant as idp", async () => {
    const { token } = await mint({ upn: "guest@contoso.example" });
    const { payload } = await jwtVerify(token, jwks("/common/discovery/v2.0/keys"));
    expect(payload).toMatchObject({ acct: 1, tid: CONTOSO_TID, idp: `https://sts.windows.net/${NORTHWIND_TID}/` });
  });

  it("takes audience, scopes and claim overrides, so tests can forge the cases the app must refuse", async () => {
    const { token } = await mint({
      upn: "student@contoso.example",
      audience: testApp.appIdUri,
      scopes: ["access_as_user", "other"],
      claims: { iat: 0, nbf: 0, exp: 1_000, iss: "https://evil.example/v2.0" },
    });
    const keys = jwks("/common/discovery/v2.0/keys");
    await expect(jwtVerify(token, keys)).rejects.toBeInstanceOf(errors.JWTExpired);
    const { payload } = await jwtVerify(token, keys, { currentDate: new Date(500_000) });
    expect(payload).toMatchObject({ aud: testApp.appIdUri, scp: "access_as_user other", iss: "https://evil.example/v2.0" });
  });

  it("a token signed with the personal-accounts key does not verify against the organizational JWKS", async () => {
    const { token } = await mint({ upn: "teacher@contoso.example", signWith: "personal" });
    await expect(jwtVerify(token, jwks("/common/discovery/v2.0/keys"))).rejects.toBeInstanceOf(errors.JWKSNoMatchingKey);
    await expect(jwtVerify(token, jwks(`/${CONTOSO_TID}/discovery/v2.0/keys`))).rejects.toBeInstanceOf(errors.JWKSNoMatchingKey);
    const { payload } = await jwtVerify(token, jwks("/consumers/discovery/v2.0/keys"));
    expect(payload.tid).toBe(CONTOSO_TID);
    const personalKid = decodeProtectedHeader(token).kid;
    const { token: orgToken } = await mint({ upn: "teacher@contoso.example" });
    expect(decodeProtectedHeader(orgToken).kid).not.toBe(personalKid);
  });

  it("an unknown persona gets 404 and a malformed request 400", async () => {
    expect((await mint({ upn: "nobody@contoso.example" })).status).toBe(404);
    expect((await mint({ scopes: ["x"] })).status).toBe(400);
  });
});
