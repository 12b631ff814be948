import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../helpers/app.js";

// The host page and the tab's configuration over plain HTTP; the browser tests drive them for real.
let app: TestApp;

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

const get = async (url: string) => {
  const response = await fetch(url);
  return { status: response.status, headers: response.headers, text: await response.text() };
};

describe("the sandbox's Teams host and the tab's configuration", () => {
  it("the start page opens every persona in the Teams host", async () => {
    const start = await get(`${app.sandbox.httpUrl}/`);
    for (const persona of app.sandbox.personas) {
      expect(start.text).toContain(`href="${app.sandbox.httpUrl}/teams?upn=${encodeURIComponent(persona.upn)}"`);
    }
  });

  it("hosts the persona's tab in a frame that only the app may fill, with the persona's context", async () => {
    const page = await get(`${app.sandbox.httpUrl}/teams?upn=teacher%40contoso.example&tab=admin&theme=dark`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-security-policy")).toContain(`frame-src ${app.url}`);
    expect(page.headers.get("content-security-policy")).toContain("script-src 'self'");
    const config = JSON.parse(/<script type="application\/json" id="host-config">(.*?)<\/script>/s.exec(page.text)![1]!);
    expect(config).toMatchObject({
      upn: "teacher@contoso.example",
      appOrigin: app.url,
      tabUrl: `${app.url}/index.html#/admin`,
      theme: "dark",
      context: { tid: "c0a70500-0000-4000-8000-000000000001", userObjectId: "c0a70500-a000-4000-8000-000000000004", loginHint: "teacher@contoso.example", theme: "dark", hostClientType: "web" },
    });
  });

  it("an unknown persona gets the persona chooser, and the card renderer is served locally", async () => {
    const chooser = await get(`${app.sandbox.httpUrl}/teams?upn=nobody%40contoso.example`);
    expect(chooser.text).toContain("Open RosterLink in the Teams host");
    const renderer = await get(`${app.sandbox.httpUrl}/teams/adaptivecards.js`);
    expect(renderer.status).toBe(200);
    expect(renderer.text).toContain("AdaptiveCards");
  });

  it("the tab trusts the sandbox's host origin from the app's configuration, and the host may frame it", async () => {
    const config = await app.call("GET", "/api/client-config");
    expect(config.status).toBe(200);
    expect(config.body).toEqual({
      mode: "sandbox",
      clientId: app.app.microsoft.clientId,
      authority: app.sandbox.httpUrl,
      scopes: [`${app.app.microsoft.appIdUri}/access_as_user`, "openid", "profile"],
      sandboxHostOrigin: app.sandbox.httpUrl,
      sandboxHttpsOrigin: app.sandbox.httpsUrl,
    });
    const tab = await get(`${app.url}/index.html`);
    const csp = tab.headers.get("content-security-policy")!;
    expect(csp).toMatch(new RegExp(`frame-ancestors [^;]*${app.sandbox.httpUrl}`));
    expect(csp).toContain("https://teams.microsoft.com");
    for (const page of ["auth-end.html", "privacy.html", "terms.html"]) expect((await get(`${app.url}/${page}`)).status).toBe(200);
  });
});
