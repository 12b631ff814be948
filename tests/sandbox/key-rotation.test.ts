import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify, type JSONWebKeySet } from "jose";
import { postJson, requestTrusting } from "../helpers/sandbox-https.js";
import { startTestSandbox, type TestSandbox } from "../helpers/sandbox-server.js";

let dataDir: string;
let running: TestSandbox;
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "rosterlink-sandbox-"));
  running = await startTestSandbox(dataDir);
});
afterAll(async () => {
  await running.stop();
  await rm(dataDir, { recursive: true, force: true });
});

const mint = async (upn: string) =>
  (await postJson(running.sandbox.caCertPem, `${running.sandbox.httpsUrl}/sandbox/token`, { upn })).json<{ access_token: string }>()
    .access_token;

/** A fresh fetch of the JWKS each time, as an app does when it meets an unknown kid. */
const freshJwks = async () =>
  createLocalJWKSet(
    (await requestTrusting(running.sandbox.caCertPem, `${running.sandbox.httpsUrl}/common/discovery/v2.0/keys`)).json<JSONWebKeySet>(),
  );

const rotate = async () =>
  (await postJson(running.sandbox.caCertPem, `${running.sandbox.httpsUrl}/sandbox/keys/rotate`, {})).json<{ kid: string; published: string[] }>();

describe("signing key rotation", () => {
  it("a token signed with the new key verifies after a fresh JWKS fetch, and an old-key token still verifies", async () => {
    const oldToken = await mint("principal@contoso.example");
    const oldKid = decodeProtectedHeader(oldToken).kid;

    const rotated = await rotate();
    expect(rotated.kid).not.toBe(oldKid);
    expect(rotated.published).toEqual([rotated.kid, oldKid]);

    const newToken = await mint("principal@contoso.example");
    expect(decodeProtectedHeader(newToken).kid).toBe(rotated.kid);
    const keys = await freshJwks();
    await expect(jwtVerify(newToken, keys)).resolves.toBeDefined();
    await expect(jwtVerify(oldToken, keys)).resolves.toBeDefined();
  });

  it("a second rotation retires the oldest key, as Entra does", async () => {
    const before = decodeProtectedHeader(await mint("office@contoso.example")).kid;
    const firstKid = (await rotate()).published[1];
    expect(firstKid).toBe(before);
    const second = await rotate();
    expect(second.published).not.toContain(before);
  });

  it("keys and certificate live in dataDir, so a restarted sandbox still accepts tokens it signed before", async () => {
    const token = await mint("teacher@contoso.example");
    const certificate = running.sandbox.caCertPem;
    await running.stop();
    running = await startTestSandbox(dataDir);
    expect(running.sandbox.caCertPem).toBe(certificate);
    await expect(jwtVerify(token, await freshJwks())).resolves.toBeDefined();
  });
});
