import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../api/log.js";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { captureLogs } from "../helpers/logs.js";

describe("logs and responses never carry tokens, secrets or stack traces", () => {
  it("the logger censors credentials wherever they sit and masks tokens inside error messages", () => {
    const capture = captureLogs();
    const log = createLogger("info", capture.stream);
    const jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl";
    const error = new Error(`upstream refused assertion ${jwt}`);
    log.info({ headers: { authorization: `Bearer ${jwt}` }, client_secret: "s3cret", nested: { token: jwt, password: "pw" } }, "call");
    log.error({ err: error }, "failed");
    const text = capture.text();
    expect(text).not.toContain(jwt);
    expect(text).not.toContain("s3cret");
    expect(text).not.toContain('"pw"');
    expect(text).not.toMatch(/\bat .*\.ts:\d+/);
    expect(text).toContain("[token]");
    expect(text).toContain("[redacted]");
  });

  describe("through the running app", () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp();
    });
    afterAll(() => t?.close());

    it("a refused token appears neither in the answer nor in the log", async () => {
      const real = await t.token("teacher@contoso.example");
      const tampered = `${real.slice(0, -6)}AAAAAA`;
      const answer = await t.call("GET", "/api/no-such-route", { token: tampered });
      expect(answer.text).not.toContain(tampered.split(".")[1]);
      const health = await t.call("GET", "/api/health", { headers: { authorization: `Bearer ${tampered}` } });
      expect(health.status).toBe(200);
      expect(t.logs.text()).not.toContain(tampered.split(".")[1]);
      expect(t.logs.text()).not.toContain(real.split(".")[2]);
    });
  });
});
