import { createPublicKey } from "node:crypto";
import { SignJWT, decodeJwt, decodeProtectedHeader } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONTOSO_TID, FABRIKAM_TID } from "../../sandbox/fixtures/index.js";
import { cacheVerifiedTokens } from "../../api/auth/verified-token-cache.js";
import { startTestApp, type ApiAnswer, type TestApp } from "../helpers/app.js";

/** docs/spec.md §9: every way a token can be wrong answers 401 or 403 as problem+json — never 500, never a session. */
describe("token verification on POST /api/session", () => {
  let t: TestApp;
  let valid: string;
  const upn = "principal@contoso.example";
  const b64 = (value: unknown) => Buffer.from(typeof value === "string" ? value : JSON.stringify(value)).toString("base64url");
  const now = () => Math.floor(Date.now() / 1000);

  beforeAll(async () => {
    t = await startTestApp();
    valid = await t.token(upn);
  });
  afterAll(() => t?.close());

  const session = (token: string) => t.call("POST", "/api/session", { token });
  const expectRefused = (answer: ApiAnswer, status: 401 | 403 = 401) => {
    expect(answer.status).toBe(status);
    expect(answer.headers["content-type"]).toMatch(/application\/problem\+json/);
    expect(typeof answer.body.code).toBe("string");
    expect(answer.text).not.toContain("eyJ");
  };

  it("accepts the valid token these cases are cut from", async () => {
    expect((await session(valid)).status).toBe(200);
  });

  it("refuses alg: none", async () => {
    const [, payload] = valid.split(".");
    expectRefused(await session(`${b64({ alg: "none", typ: "JWT" })}.${payload}.`));
  });

  it("refuses HS256 signed with the tenant's RSA public key (algorithm confusion)", async () => {
    const jwks = (await t.sandboxCall("GET", "/common/discovery/v2.0/keys")).body as { keys: Array<Record<string, string>> };
    const jwk = jwks.keys.find((k) => k.kid === decodeProtectedHeader(valid).kid)!;
    const pem = createPublicKey({ key: { kty: jwk.kty!, n: jwk.n!, e: jwk.e! }, format: "jwk" }).export({ type: "spki", format: "pem" });
    const forged = await new SignJWT(decodeJwt(valid)).setProtectedHeader({ alg: "HS256", typ: "JWT", kid: jwk.kid }).sign(Buffer.from(pem));
    expectRefused(await session(forged));
  });

  it("refuses a token signed with a key it does not publish (unknown kid)", async () => {
    const [, payload, signature] = valid.split(".");
    expectRefused(await session(`${b64({ alg: "RS256", typ: "JWT", kid: "not-a-published-key" })}.${payload}.${signature}`));
  });

  it("refuses a token for another audience", async () => {
    expectRefused(await session(await t.token(upn, { audience: "api://someone-else/00000000-0000-0000-0000-000000000000" })));
  });

  it("refuses an issuer of another tenant than the token's tid", async () => {
    const otherIssuer = `${t.sandbox.httpsUrl}/${FABRIKAM_TID}/v2.0`;
    expectRefused(await session(await t.token(upn, { claims: { iss: otherIssuer } })));
  });

  it("refuses a v1 issuer (https://sts.windows.net/{tid}/)", async () => {
    expectRefused(await session(await t.token(upn, { claims: { iss: `https://sts.windows.net/${CONTOSO_TID}/`, ver: "1.0" } })));
    expectRefused(await session(await t.token(upn, { claims: { iss: `https://sts.windows.net/${CONTOSO_TID}/` } })));
  });

  it("refuses an expired token, beyond the 5-minute skew", async () => {
    const answer = await session(await t.token(upn, { claims: { iat: now() - 7200, nbf: now() - 7200, exp: now() - 600 } }));
    expectRefused(answer);
    expect(answer.body.code).toBe("token_expired");
  });

  it("accepts a token that expired within the 5-minute skew", async () => {
    expect((await session(await t.token(upn, { claims: { iat: now() - 3600, nbf: now() - 3600, exp: now() - 60 } }))).status).toBe(200);
  });

  it("refuses a token that is not valid yet (nbf beyond the skew)", async () => {
    expectRefused(await session(await t.token(upn, { claims: { nbf: now() + 1800, exp: now() + 7200 } })));
  });

  it("refuses a token without the access_as_user scope with 403", async () => {
    const answer = await session(await t.token(upn, { scopes: "User.Read" }));
    expectRefused(answer, 403);
    expect(answer.body.code).toBe("insufficient_scope");
  });

  it("refuses a school tenant's token signed with the personal-accounts key", async () => {
    expectRefused(await session(await t.token(upn, { signWith: "personal" })));
  });

  it("refuses malformed tokens: 2 or 4 segments, bad base64, a payload that is not an object", async () => {
    const [header, payload, signature] = valid.split(".");
    expectRefused(await session(`${header}.${payload}`));
    expectRefused(await session(`${header}.${payload}.${signature}.${signature}`));
    expectRefused(await session(`${header}.%%%notbase64%%%.${signature}`));
    expectRefused(await session(`${header}.${b64("###")}.${signature}`));
    expectRefused(await session(`${header}.${b64([1, 2, 3])}.${signature}`));
    expectRefused(await session(`${header}.${b64('"just a string"')}.${signature}`));
    expectRefused(await session(`${b64("not json")}.${payload}.${signature}`));
  });

  it("refuses an 8 KB Authorization header without reading it", async () => {
    expectRefused(await session(`${valid}${"A".repeat(8 * 1024)}`));
    expectRefused(await t.call("POST", "/api/session", { headers: { authorization: `Bearer ${"x".repeat(8 * 1024)}` } }));
  });

  it("refuses a missing or non-Bearer Authorization header", async () => {
    expectRefused(await t.call("POST", "/api/session"));
    expectRefused(await t.call("POST", "/api/session", { headers: { authorization: `Basic ${b64("a:b")}` } }));
  });

  it("after the authority rotates its signing key, a token signed with the new key is accepted without a restart", async () => {
    expect((await session(valid)).status).toBe(200);
    const signedBefore = await t.token("student@contoso.example");
    const rotated = await t.sandboxCall("POST", "/sandbox/keys/rotate");
    expect(rotated.status).toBe(200);
    const fresh = await t.token("office@contoso.example");
    expect(decodeProtectedHeader(fresh).kid).toBe(rotated.body.kid);
    expect((await session(fresh)).status).toBe(200);
    // The previous key stays published for a while, as Entra does: tokens signed before the rollover still work.
    expect((await session(signedBefore)).status).toBe(200);
  });

  it("never writes a token to the log", async () => {
    expect(t.logs.text()).not.toContain(valid.split(".")[2]);
  });
});

describe("remembering verified tokens", () => {
  const identityFor = (exp: number) =>
    ({ token: `${Buffer.from('{"alg":"RS256"}').toString("base64url")}.${Buffer.from(JSON.stringify({ exp })).toString("base64url")}.sig` }) as never;

  it("verifies a token once, again after the cache age or its exp, and never caches a refusal", async () => {
    let now = 1_000_000;
    let calls = 0;
    let refuse = false;
    const verify = cacheVerifiedTokens(
      async () => {
        calls++;
        if (refuse) throw new Error("refused");
        return identityFor(now / 1000 + 3600);
      },
      { maxAgeMs: 60_000, now: () => now },
    );
    await verify("Bearer a");
    await verify("Bearer a");
    expect(calls).toBe(1);
    await verify("Bearer b");
    expect(calls).toBe(2);
    now += 61_000;
    await verify("Bearer a");
    expect(calls).toBe(3);
    refuse = true;
    await expect(verify("Bearer c")).rejects.toThrow();
    await expect(verify("Bearer c")).rejects.toThrow();
    expect(calls).toBe(5);
  });
});

describe("when the authority's keys cannot be read", () => {
  it("a token that needs a key refresh gets 503, not 401 or 500", async () => {
    const t = await startTestApp();
    try {
      const valid = await t.token("office@contoso.example");
      const [, payload, signature] = valid.split(".");
      const unknownKid = `${Buffer.from(JSON.stringify({ alg: "RS256", typ: "JWT", kid: "rolled-over-key" })).toString("base64url")}.${payload}.${signature}`;
      await t.sandbox.close();
      const answer = await t.call("POST", "/api/session", { token: unknownKid });
      expect(answer.status).toBe(503);
      expect(answer.headers["content-type"]).toMatch(/application\/problem\+json/);
      expect(answer.body.code).toBe("identity_provider_unavailable");
    } finally {
      await t.close();
    }
  });
});
