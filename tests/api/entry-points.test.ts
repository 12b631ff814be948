import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../helpers/app.js";

// The tab routes with `#/…`: only its real entry points answer HTML. A client probing any other address gets a
// 404 problem, so an identity library, a provisioning service or a monitor never mistakes the tab for success.
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t.close());

describe("entry points", () => {
  it.each(["/", "/index.html", "/auth/callback", "/auth-end.html", "/privacy.html", "/terms.html"])("%s is a page of the tab", async (path) => {
    const answer = await t.call("GET", path);
    expect(answer.status).toBe(200);
    expect(answer.headers["content-type"]).toMatch(/^text\/html/);
    expect(answer.headers["content-security-policy"]).toMatch(/frame-ancestors/);
  });

  it("serves the tab's built assets", async () => {
    const page = await t.call("GET", "/");
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(page.text)?.[1];
    expect(script).toBeDefined();
    const asset = await t.call("GET", script!);
    expect(asset.status).toBe(200);
    expect(asset.headers["content-type"]).toMatch(/javascript/);
  });

  it.each([
    "/.well-known/openid-configuration",
    "/scim",
    "/scimv2/Users",
    "/wp-login.php",
    "/admin",
    "/home",
    "/assets",
    "/assets/missing.js",
    "/index.html/../../package.json",
    "/%2e%2e/%2e%2e/package.json",
    "/.env",
    "/api/nothing-here",
    "/%E0%A4%A",
  ])("%s is a 404 problem, not a page", async (path) => {
    const answer = await t.call("GET", path);
    expect(answer.status).toBe(404);
    expect(answer.headers["content-type"]).toMatch(/^application\/problem\+json/);
    expect(answer.body).toMatchObject({ status: 404, code: "not_found" });
  });

  it.each(["/assets/..%2f..%2fpackage.json", "/..%2f..%2fmain.ts", "/%2e%2e/%2e%2e/.ci/run"])(
    "%s, sent as is (no client-side normalisation), cannot leave the tab's folder",
    async (path) => {
      const { port } = new URL(t.url);
      const status = await new Promise<number>((resolve, reject) =>
        http.get({ host: "127.0.0.1", port, path }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        }).on("error", reject),
      );
      expect(status).toBe(404);
    },
  );
});
