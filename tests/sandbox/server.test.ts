import https from "node:https";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { personas } from "../../sandbox/fixtures/index.js";
import { sendJson } from "../../sandbox/index.js";
import { requestTrusting } from "../helpers/sandbox-https.js";
import { startTestSandbox, type TestSandbox } from "../helpers/sandbox-server.js";

let running: TestSandbox;
beforeAll(async () => {
  running = await startTestSandbox();
});
afterAll(() => running.stop());

describe("the sandbox server", () => {
  it("answers HTTP and HTTPS on the same port", async () => {
    const { httpUrl, httpsUrl, caCertPem } = running.sandbox;
    expect(new URL(httpUrl).port).toBe(new URL(httpsUrl).port);
    expect((await requestTrusting(caCertPem, `${httpUrl}/sandbox/personas`)).status).toBe(200);
    expect((await requestTrusting(caCertPem, `${httpsUrl}/sandbox/personas`)).status).toBe(200);
  });

  it("its certificate covers localhost and 127.0.0.1, and is not trusted unless given explicitly", async () => {
    const { httpsUrl, caCertPem } = running.sandbox;
    const port = new URL(httpsUrl).port;
    expect((await requestTrusting(caCertPem, `https://127.0.0.1:${port}/sandbox/consent`)).status).toBe(200);
    const untrusted = new Promise((resolve, reject) => https.get(`${httpsUrl}/`, resolve).on("error", reject));
    await expect(untrusted).rejects.toThrow(/self[- ]signed|certificate/i);
  });

  it("lists every persona with tenant info, in the documented shape", async () => {
    const body = (await requestTrusting(running.sandbox.caCertPem, `${running.sandbox.httpsUrl}/sandbox/personas`)).json<{
      personas: { upn: string; graph: object; rosterlink: object }[];
      tenants: { tid: string; organization: object | null }[];
    }>();
    expect(body.personas.map((p) => p.upn)).toEqual(personas.map((p) => p.upn));
    expect(body.personas[0]).toHaveProperty("graph.educationRole");
    expect(body.personas[0]).toHaveProperty("rosterlink.existingAccount");
    expect(body.tenants).toHaveLength(5);
    expect(new Set(personas.map((p) => p.oid)).size).toBe(personas.length);
  });

  it("the start page lists tenants and personas; extend adds routes and per-persona links", async () => {
    running.sandbox.extend(
      [{ method: "GET", path: "/teams-host/ping/:who", handle: ({ res, params }) => sendJson(res, 200, { pong: params.who }) }],
      { personaLinks: [(p, ctx) => ({ label: "Open in Teams host", href: `${ctx.httpUrl}/teams-host/?upn=${encodeURIComponent(p.upn)}` })] },
    );
    const ping = await requestTrusting(running.sandbox.caCertPem, `${running.sandbox.httpUrl}/teams-host/ping/me`);
    expect(ping.json()).toEqual({ pong: "me" });

    const page = await requestTrusting(running.sandbox.caCertPem, `${running.sandbox.httpUrl}/`);
    expect(page.status).toBe(200);
    expect(page.headers["content-type"]).toMatch(/text\/html/);
    for (const persona of personas) expect(page.text).toContain(persona.upn);
    expect(page.text).toContain("Contoso High School");
    expect(page.text).toContain("Open in Teams host");
    expect(page.text).toContain("Preview the admin consent page");
  });

  it("logout returns only to a registered origin", async () => {
    const logout = (target: string) =>
      requestTrusting(running.sandbox.caCertPem, `${running.sandbox.httpUrl}/common/oauth2/v2.0/logout?post_logout_redirect_uri=${encodeURIComponent(target)}`);
    expect((await logout("http://localhost:3978/")).headers.location).toBe("http://localhost:3978/");
    const elsewhere = await logout("https://evil.example/");
    expect(elsewhere.status).toBe(200);
    expect(elsewhere.headers.location).toBeUndefined();
  });

  it("answers an unknown path with a JSON 404", async () => {
    const response = await requestTrusting(running.sandbox.caCertPem, `${running.sandbox.httpsUrl}/nope`);
    expect(response.status).toBe(404);
  });
});
