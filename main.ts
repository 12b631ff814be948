/**
 * The composition root: reads the configuration, opens the store, and serves the API, the bot's
 * /api/messages and the tab's files from one restify server. With no Microsoft configuration it
 * first starts the sandbox — the local stand-in for Microsoft 365 — and points everything at it.
 */
import { randomUUID } from "node:crypto";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { AddressInfo } from "node:net";
import type { DestinationStream } from "pino";
import { loadConfig, ConfigError, type Config, type MicrosoftSettings } from "./api/config.js";
import { createLogger, type Logger } from "./api/log.js";
import { openStore, type Store } from "./api/store/store.js";
import { createServer } from "./api/http/create-server.js";
import { mountRoutes } from "./api/http/mount-routes.js";
import { mountTabFiles } from "./api/http/serve-tab.js";
import { gateUntilReady } from "./api/http/readiness-gate.js";
import { createHttpsFetch } from "./api/http/https-fetch.js";
import { createTokenVerifier } from "./api/auth/verify-token.js";
import { cacheVerifiedTokens } from "./api/auth/verified-token-cache.js";
import { limitFailedTokens } from "./api/auth/failed-token-limit.js";
import { apiRoutes } from "./api/routes/index.js";
import { actorRefOf, requireOrgAdmin } from "./api/domain/policies/org-admin.js";
import type { Identity } from "./api/auth/identity.js";
import { mountScim } from "./api/scim/mount-scim.js";
import { createMetrics } from "./api/metrics/registry.js";
import type { AppContext } from "./api/context.js";
import { DEFAULT_TUNING, type ApiTuning } from "./api/tuning.js";
import type { RunningSandbox } from "./sandbox/index.js";
import { seedFixtures } from "./api/domain/seed.js";
import { sandboxBotAuthentication, sandboxSeedData, wireSandbox } from "./dev/sandbox-wiring.js";
import { createAppOnlyProbe } from "./api/auth/app-only-probe.js";
import { startConsentHealthSchedule } from "./api/domain/tenant-links/consent-health-schedule.js";
import { mountBot, type BotAuthentication } from "./bot/index.js";

const HERE = fileURLToPath(new URL(".", import.meta.url));

export interface StartOptions {
  /** Environment to read; defaults to process.env. */
  env?: Record<string, string | undefined>;
  /** Tests: override the parsed configuration (ports 0, a temporary data folder, a database). */
  override?: Partial<Pick<Config, "port" | "host" | "database" | "dataDir" | "logLevel">> & { sandboxPort?: number };
  tuning?: Partial<ApiTuning>;
  logDestination?: DestinationStream;
  /** Tests that run two instances on one database share one sandbox. */
  sandbox?: RunningSandbox;
  /**
   * scripts/playground.ts only: also serve /api/playground/messages without Bot Framework
   * authentication for the Agents Playground. Honoured in sandbox mode only, never in production.
   */
  playground?: boolean;
  /** Tests: the app's clock (validity windows, expiry), e.g. a clock moved on by days. */
  now?: () => Date;
}

export interface RunningApp {
  url: string;
  config: Readonly<Config>;
  store: Store;
  log: Logger;
  sandbox?: RunningSandbox;
  microsoft: MicrosoftSettings;
  close(): Promise<void>;
}

export async function startRosterLink(options: StartOptions = {}): Promise<RunningApp> {
  const parsed = loadConfig(options.env ?? process.env);
  const config: Readonly<Config> = Object.freeze({
    ...parsed,
    ...options.override,
    sandbox: parsed.sandbox && { ...parsed.sandbox, port: options.override?.sandboxPort ?? parsed.sandbox.port },
  });
  const log = createLogger(config.logLevel, options.logDestination);
  const instanceId = randomUUID();
  const store = await openStore(config.database, log);
  const server = createServer(log);
  const readiness = gateUntilReady(server);

  // Listen first: in sandbox mode the sandbox must know the app's real address (port 0 in tests).
  await new Promise<void>((ok) => server.listen(config.port, config.host, ok));
  const port = (server.address() as AddressInfo).port;
  const localUrl = `http://${config.host === "0.0.0.0" || config.host === "::" ? "localhost" : config.host === "127.0.0.1" ? "localhost" : config.host}:${port}`;
  const publicUrl = config.publicUrl ?? localUrl;

  // With no Microsoft configuration, the sandbox stands in for Microsoft 365 (dev/, docs/spec.md §11).
  const sandboxWiring = config.mode === "sandbox" ? await wireSandbox({ config, publicUrl, manifestPath: resolve(HERE, "aad.manifest.json"), running: options.sandbox }) : undefined;
  const sandbox = sandboxWiring?.sandbox;
  const microsoft: MicrosoftSettings = sandboxWiring?.microsoft ?? config.microsoft!;
  const trustedCa = sandbox?.caCertPem;

  const tuning: ApiTuning = { ...DEFAULT_TUNING, rejectionCooldownMs: config.rejectionCooldownMs, ...options.tuning };
  const fetch = createHttpsFetch(trustedCa);
  const context: AppContext = {
    mode: config.mode,
    store,
    log,
    microsoft,
    publicUrl: () => publicUrl,
    fetch,
    trustedCaPem: trustedCa,
    now: options.now ?? (() => new Date()),
    metrics: createMetrics(),
    limits: config.limits,
    tuning,
  };
  // Verified tokens are remembered briefly: the tab calls many routes with one token (api/auth/verified-token-cache.ts).
  // Behind that cache, an address that keeps sending bad tokens is refused before verifying (docs/spec.md §9).
  const verifier = createTokenVerifier({
    authorityHost: microsoft.authorityHost,
    clientId: microsoft.clientId,
    appIdUri: microsoft.appIdUri,
    fetch,
    jwksCooldownMs: tuning.jwksCooldownMs,
  });
  const authenticate = cacheVerifiedTokens(
    limitFailedTokens(verifier, { perWindow: config.limits.failedTokensPerAddress, windowMs: config.limits.windowSeconds * 1000 }),
  );

  if (config.mode === "sandbox" && sandbox && !options.sandbox) {
    // Every instance seeds; on PostgreSQL they take turns, and the later ones find the rows there already.
    await seedFixtures(store, sandboxSeedData(sandbox.tenants, sandbox.personas));
  }

  const authorizeOrgAdmin = async (identity: Identity, orgId: string) => actorRefOf(await requireOrgAdmin(store, identity, orgId));
  mountRoutes(server, apiRoutes(context), { log, authenticate, authorizeOrgAdmin, trustProxy: config.trustProxy });
  // Entra provisioning (SCIM 2.0) is its own protocol with its own secrets and errors (docs/provisioning.md).
  mountScim(server, { store, log, now: context.now, publicUrl: context.publicUrl, trustProxy: config.trustProxy, limits: context.limits });
  // The bot on the same server (docs/spec.md §7). In sandbox mode it trusts only the sandbox's connector.
  const botAuthentication: BotAuthentication = sandbox ? sandboxBotAuthentication(sandbox, microsoft) : { ...microsoft, kind: "microsoft" };
  sandbox?.connector.setBotEndpoint(`${localUrl}/api/messages`);
  const bot = mountBot(server, { store, log, now: context.now, authentication: botAuthentication, tuning: tuning.outbox, rejectionCooldownMs: tuning.rejectionCooldownMs, instanceId });
  if (options.playground && config.mode === "sandbox") {
    log.warn({ path: "/api/playground/messages" }, "Agents Playground endpoint enabled: activities there are NOT authenticated (sandbox only)");
    mountBot(server, { store, log, now: context.now, authentication: { kind: "playground" }, tuning: tuning.outbox, rejectionCooldownMs: tuning.rejectionCooldownMs, instanceId, path: "/api/playground/messages" });
  }
  bot.worker.start();
  const consentHealth = startConsentHealthSchedule(
    { store, log, probe: createAppOnlyProbe(microsoft, trustedCa), now: context.now },
    tuning.consentHealth.scheduleEveryMs,
  );
  mountTabFiles(server, {
    directory: resolve(HERE, "tab/dist"),
    frameAncestors: sandbox ? [sandbox.httpUrl] : [],
    connectSources: [microsoft.authorityHost, ...(sandbox ? [sandbox.httpUrl] : [])],
  });

  readiness.open();
  log.info({ url: publicUrl, mode: config.mode, database: config.database.dialect, instanceId }, "RosterLink is listening");

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      readiness.close();
      await bot.worker.stop();
      await consentHealth.stop();
      await new Promise<void>((ok) => server.close(() => ok()));
      if (sandbox && !options.sandbox) await sandbox.close();
      await store.close();
    })());

  return { url: localUrl, config, store, log, sandbox, microsoft, close };
}

async function main(): Promise<void> {
  let app: RunningApp;
  try {
    app = await startRosterLink();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78);
    }
    throw error;
  }
  const startPage = app.sandbox ? `${app.sandbox.httpUrl}/` : `${app.url}/`;
  process.stdout.write(
    app.sandbox
      ? `RosterLink is running in sandbox mode: open ${startPage} to choose a persona (app: ${app.url}).\n`
      : `RosterLink is running at ${app.url}.\n`,
  );
  const shutdown = (signal: string) => {
    app.log.info({ signal }, "shutting down");
    const timer = setTimeout(() => process.exit(1), 10_000);
    timer.unref();
    app.close().then(() => process.exit(0), () => process.exit(1));
  };
  process.once("SIGTERM", () => shutdown("SIGTERM"));
  process.once("SIGINT", () => shutdown("SIGINT"));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    process.stderr.write(`RosterLink could not start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
