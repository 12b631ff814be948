import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startRosterLink, type RunningApp, type StartOptions } from "../../main.js";
import type { RunningSandbox } from "../../sandbox/index.js";
import { freshDatabase, type DatabaseKind, type TestDatabase } from "./databases.js";
import { captureLogs } from "./logs.js";
import { postJson, requestTrusting } from "./sandbox-https.js";

export interface TokenOptions {
  scopes?: string;
  audience?: string;
  claims?: Record<string, unknown>;
  signWith?: "personal";
}

export interface ApiAnswer<T = any> {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: T;
  text: string;
}

export interface TestApp {
  app: RunningApp;
  url: string;
  sandbox: RunningSandbox;
  database: TestDatabase;
  logs: ReturnType<typeof captureLogs>;
  /** A real Entra-shaped token for a sandbox persona, from POST /sandbox/token. */
  token(upn: string, options?: TokenOptions): Promise<string>;
  /** Calls the app over real HTTP. `as` is a persona UPN (a token is fetched) or a raw token. */
  call<T = any>(method: string, path: string, options?: { as?: string; token?: string; body?: unknown; headers?: Record<string, string> }): Promise<ApiAnswer<T>>;
  /** Calls the sandbox (https) — Graph request logs, faults, consent. */
  sandboxCall<T = any>(method: string, path: string, body?: unknown): Promise<ApiAnswer<T>>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  database?: DatabaseKind;
  /** Reuse a database (a second instance on the same PostgreSQL). */
  sharedDatabase?: TestDatabase;
  /** Reuse a sandbox (a second instance; its store is then not seeded again). */
  sharedSandbox?: RunningSandbox;
  tuning?: StartOptions["tuning"];
  now?: StartOptions["now"];
  /** Extra environment for the app's configuration (e.g. rate limits), as an operator would set it. */
  env?: Record<string, string>;
}

/** Starts the sandbox and RosterLink on port 0 with a fresh database, as `npm start` would. */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const database = options.sharedDatabase ?? (await freshDatabase(options.database ?? "sqlite"));
  const dataDir = mkdtempSync(join(tmpdir(), "rosterlink-data-"));
  const logs = captureLogs();
  const app = await startRosterLink({
    env: { LOG_LEVEL: "info", ...options.env },
    override: { port: 0, host: "127.0.0.1", sandboxPort: 0, dataDir, database: database.database },
    tuning: { jwksCooldownMs: 0, ...options.tuning },
    logDestination: logs.stream,
    sandbox: options.sharedSandbox,
    now: options.now,
  });
  const sandbox = app.sandbox!;
  const ca = sandbox.caCertPem;
  const tokens = new Map<string, string>();

  const token = async (upn: string, tokenOptions: TokenOptions = {}) => {
    const key = JSON.stringify([upn, tokenOptions]);
    const cached = tokens.get(key);
    if (cached) return cached;
    const answer = await postJson(ca, `${sandbox.httpsUrl}/sandbox/token`, { upn, audience: app.microsoft.clientId, ...tokenOptions });
    if (answer.status !== 200) throw new Error(`sandbox token for ${upn}: ${answer.status} ${answer.text}`);
    const value = answer.json<{ access_token: string }>().access_token;
    tokens.set(key, value);
    return value;
  };

  const toAnswer = (status: number, headers: ApiAnswer["headers"], text: string): ApiAnswer => {
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      /* an HTML page */
    }
    return { status, headers, body, text };
  };

  const call: TestApp["call"] = async (method, path, callOptions = {}) => {
    const headers: Record<string, string> = { ...callOptions.headers };
    const bearer = callOptions.token ?? (callOptions.as ? await token(callOptions.as) : undefined);
    if (bearer) headers.authorization = `Bearer ${bearer}`;
    let body: string | undefined;
    if (callOptions.body !== undefined) {
      headers["content-type"] ??= "application/json";
      body = typeof callOptions.body === "string" ? callOptions.body : JSON.stringify(callOptions.body);
    }
    const answer = await requestTrusting(ca, `${app.url}${path}`, { method, headers, body });
    return toAnswer(answer.status, answer.headers, answer.text);
  };

  const sandboxCall: TestApp["sandboxCall"] = async (method, path, body) => {
    const answer = await requestTrusting(ca, `${sandbox.httpsUrl}${path}`, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return toAnswer(answer.status, answer.headers, answer.text);
  };

  return {
    app,
    url: app.url,
    sandbox,
    database,
    logs,
    token,
    call,
    sandboxCall,
    async close() {
      await app.close();
      if (!options.sharedDatabase) await database.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
