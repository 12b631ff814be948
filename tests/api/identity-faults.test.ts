import { decodeProtectedHeader } from "jose";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { CONTOSO_TID, NORTHWIND_TID } from "../../sandbox/fixtures/index.js";
import { DATABASE_KINDS } from "../helpers/databases.js";
import { startTestApp, type ApiAnswer, type TestApp } from "../helpers/app.js";

/**
 * What the app answers when Entra misbehaves as a real tenant can make it (issue 11), driven through the
 * sandbox's switches over HTTP (sandbox/control/identity-fault-routes.ts) and observed over HTTP.
 */
describe.each(DATABASE_KINDS)("identity faults (%s)", (database) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ database });
  });
  afterAll(() => t?.close());
  afterEach(async () => {
    expect((await t.sandboxCall("DELETE", "/sandbox/entra/faults")).status).toBe(200);
  });

  const session = (token: string) => t.call("POST", "/api/session", { token });
  const oidOf = (upn: string) => t.sandbox.personas.find((p) => p.upn === upn)!.oid;
  const usersNamed = (upn: string) => t.app.store.models.User.count({ where: { tid: CONTOSO_TID, oid: oidOf(upn) } });
  let minted = 0;
  /** A token minted now (never one cached from before a key rotation), so it is signed with today's key. */
  const freshToken = (upn: string) => t.token(upn, { claims: { uti: `fresh-${++minted}` } });
  /** A token signed with a key this instance has not fetched yet: verifying it needs the keys endpoint. */
  const tokenWithNewKey = async (upn: string) => {
    const rotated = await t.sandboxCall("POST", "/sandbox/keys/rotate");
    expect(rotated.status).toBe(200);
    const token = await freshToken(upn);
    expect(decodeProtectedHeader(token).kid).toBe(rotated.body.kid);
    return token;
  };
  const expectProblem = (answer: ApiAnswer, status: number, code: string) => {
    expect(answer.status).toBe(status);
    expect(answer.headers["content-type"]).toMatch(/application\/problem\+json/);
    expect(answer.body.code).toBe(code);
    expect(answer.text).not.toContain("eyJ");
    expect(answer.text).not.toMatch(/\bat .+\.(ts|js):\d+/);
  };

  describe("a token whose header names no key", () => {
    // First in the file, while the sandbox publishes one key: then jose alone would take that key for a kid-less token.
    it("is refused 401 invalid_token, whether one key or several are published, and creates nothing", async () => {
      const published = await t.sandboxCall("GET", "/common/discovery/v2.0/keys");
      expect(published.body.keys).toHaveLength(1);
      const upn = "it@contoso.example";
      expect(await usersNamed(upn)).toBe(0);
      const before = await t.app.store.models.User.count();
      const kidless = async () => {
        const answer = await t.sandboxCall("POST", "/sandbox/token", { upn, audience: t.app.microsoft.clientId, omitKid: true });
        expect(decodeProtectedHeader(answer.body.access_token as string).kid).toBeUndefined();
        return answer.body.access_token as string;
      };
      const first = await kidless();
      const refused = await session(first);
      expectProblem(refused, 401, "invalid_token");
      expect(refused.headers["www-authenticate"]).toBe('Bearer error="invalid_token"');

      await t.sandboxCall("POST", "/sandbox/keys/rotate");
      const second = await kidless();
      expectProblem(await session(second), 401, "invalid_token");

      expect(await t.app.store.models.User.count()).toBe(before);
      expect(await usersNamed(upn)).toBe(0);
      for (const token of [first, second]) expect(t.logs.text()).not.toContain(token.split(".")[2]);
      // The same person with an ordinary token is fine: only the header was wrong.
      expect((await session(await freshToken(upn))).status).toBe(200);
    });
  });

  describe("the keys endpoint is down", () => {
    it("keys already fetched keep working; a token that needs a fetch gets 503, creates nothing, and works once the keys are back", async () => {
      expect((await session(await freshToken("principal@contoso.example"))).status).toBe(200);
      // Signed with the key this instance has just fetched, but not verified yet.
      const knownKey = await freshToken("office@contoso.example");
      const newKey = await tokenWithNewKey("teacher@contoso.example");

      expect((await t.sandboxCall("PUT", "/sandbox/entra/faults/jwks", { outage: "unavailable" })).status).toBe(200);
      expect((await session(knownKey)).status).toBe(200);

      const refused = await session(newKey);
      expectProblem(refused, 503, "identity_provider_unavailable");
      expect(refused.headers["www-authenticate"]).toBeUndefined();
      expect(await usersNamed("teacher@contoso.example")).toBe(0);

      await t.sandboxCall("PUT", "/sandbox/entra/faults/jwks", { outage: null });
      const after = await session(newKey);
      expect(after.status).toBe(200);
      expect(after.body.user).toMatchObject({ accountType: "teacher" });
      expect(await usersNamed("teacher@contoso.example")).toBe(1);
    });

    it("a dropped connection is the same 503", async () => {
      const newKey = await tokenWithNewKey("student@contoso.example");
      await t.sandboxCall("PUT", "/sandbox/entra/faults/jwks", { outage: "connection_closed" });
      expectProblem(await session(newKey), 503, "identity_provider_unavailable");
      expect(await usersNamed("student@contoso.example")).toBe(0);
      await t.sandboxCall("DELETE", "/sandbox/entra/faults");
      expect((await session(newKey)).status).toBe(200);
    });

    it("an instance that never read the keys answers 503 to everyone, never 401 and never 429, and recovers", async () => {
      const cold = await startTestApp({
        database,
        sharedSandbox: t.sandbox,
        env: { RATE_LIMIT_WINDOW_SECONDS: "3600", RATE_LIMIT_FAILED_TOKENS_PER_ADDRESS: "2" },
      });
      try {
        await t.sandboxCall("PUT", "/sandbox/entra/faults/jwks", { outage: "unavailable" });
        // More than the failed-token limit: an outage is not the callers' fault, so it never counts against them.
        for (const upn of ["principal@contoso.example", "office@contoso.example", "it@contoso.example", "nosignal@contoso.example"]) {
          expectProblem(await cold.call("POST", "/api/session", { token: await freshToken(upn) }), 503, "identity_provider_unavailable");
        }
        await t.sandboxCall("PUT", "/sandbox/entra/faults/jwks", { outage: null });
        expect((await cold.call("POST", "/api/session", { token: await freshToken("principal@contoso.example") })).status).toBe(200);
      } finally {
        await cold.close();
      }
    });
  });

  describe("Conditional Access stops on-behalf-of at a first sign-in", () => {
    it("answers 401 interaction_required with Entra's claims challenge, and creates nothing about the person", async () => {
      const upn = "nosignal@contoso.example";
      const rule = await t.sandboxCall("PUT", "/sandbox/entra/faults/interaction-required", { upn });
      const policyId = rule.body.interactionRequired[0].policyId as string;
      const users = await t.app.store.models.User.count();
      const audit = await t.app.store.models.AuditEvent.count();

      const token = await freshToken(upn);
      const answer = await session(token);
      expectProblem(answer, 401, "interaction_required");
      expect(answer.body.aadsts).toBe("AADSTS50076");
      const claims = JSON.parse(answer.body.claims as string) as { access_token: { capolids: { essential: boolean; values: string[] } } };
      expect(claims.access_token.capolids).toEqual({ essential: true, values: [policyId] });
      // Microsoft's claims challenge for web APIs: the same claims, base64, in WWW-Authenticate.
      const challenge = String(answer.headers["www-authenticate"]);
      expect(challenge).toMatch(/^Bearer realm="", authorization_uri="https:\/\/[^"]+\/common\/oauth2\/v2\.0\/authorize", error="insufficient_claims", claims="[A-Za-z0-9+/=]+"$/);
      expect(Buffer.from(/claims="([^"]+)"/.exec(challenge)![1]!, "base64").toString("utf8")).toBe(answer.body.claims);

      expect(await usersNamed(upn)).toBe(0);
      expect(await t.app.store.models.User.count()).toBe(users);
      expect(await t.app.store.models.AuditEvent.count()).toBe(audit);
      expect(t.logs.text()).not.toContain(token.split(".")[2]);

      await t.sandboxCall("DELETE", "/sandbox/entra/faults/interaction-required");
      const after = await session(token);
      expect(after.status).toBe(200);
      expect(after.body.membership.organization.name).toBe("Contoso High School");
      expect(await usersNamed(upn)).toBe(1);
    });

    it("AADSTS50079 (register for multi-factor authentication) for the whole tenant gets the same answer", async () => {
      await t.sandboxCall("PUT", "/sandbox/entra/faults/interaction-required", { tid: CONTOSO_TID, code: 50079 });
      const answer = await session(await freshToken("flaky@contoso.example"));
      expectProblem(answer, 401, "interaction_required");
      expect(answer.body.aadsts).toBe("AADSTS50079");
      expect(JSON.parse(answer.body.claims as string)).toMatchObject({ access_token: { capolids: { essential: true } } });
      expect(await usersNamed("flaky@contoso.example")).toBe(0);
    });

    it("people who already have an account sign in as usual: no on-behalf-of is needed for them", async () => {
      await t.sandboxCall("PUT", "/sandbox/entra/faults/interaction-required", { tid: CONTOSO_TID });
      expect((await session(await freshToken("principal@contoso.example"))).status).toBe(200);
      expect((await session(await freshToken("tutor@contoso.example"))).status).toBe(200);
    });

    it("a tenant that is not linked never asks Graph, so its new people get an individual account", async () => {
      await t.sandboxCall("PUT", "/sandbox/entra/faults/interaction-required", { tid: NORTHWIND_TID });
      const answer = await session(await freshToken("newuser@northwind.example"));
      expect(answer.status).toBe(200);
      expect(answer.body.membership).toBeNull();
    });
  });
});
