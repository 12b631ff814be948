import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET, sandboxAppIdUri, startSandbox, type RunningSandbox } from "../../sandbox/index.js";

export const TEST_REDIRECT_URI = "http://localhost:3978/auth/callback";
export const TEST_CONSENT_REDIRECT_URI = "http://localhost:3978/api/consent/callback";

export const testApp = {
  clientId: SANDBOX_CLIENT_ID,
  clientSecret: SANDBOX_CLIENT_SECRET,
  redirectUris: [TEST_REDIRECT_URI, TEST_CONSENT_REDIRECT_URI],
  appIdUri: sandboxAppIdUri(),
};

export interface TestSandbox {
  sandbox: RunningSandbox;
  dataDir: string;
  /** Closes the sandbox and removes its data directory. */
  stop(): Promise<void>;
}

/** Starts a sandbox on port 0 with a fresh data directory (fresh keys, fixtures' consent grants). */
export async function startTestSandbox(dataDir?: string): Promise<TestSandbox> {
  const dir = dataDir ?? (await mkdtemp(join(tmpdir(), "rosterlink-sandbox-")));
  const sandbox = await startSandbox({ port: 0, dataDir: dir, app: testApp, appBaseUrl: "http://localhost:3978" });
  return {
    sandbox,
    dataDir: dir,
    async stop() {
      await sandbox.close();
      if (!dataDir) await rm(dir, { recursive: true, force: true });
    },
  };
}
