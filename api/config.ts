import { z } from "zod/v4";
import { GUID_PATTERN } from "../contract/guid.js";

/**
 * The only reader of the environment. Read once at start; a wrong or missing value stops the
 * process with one line naming the variable (docs/spec.md §12). With no Microsoft variable at all the
 * app runs in sandbox mode against the local stand-in for Microsoft 365 (docs/spec.md §11).
 */
export class ConfigError extends Error {
  constructor(readonly variable: string, reason: string) {
    super(`Configuration error: ${variable} ${reason}`);
    this.name = "ConfigError";
  }
}

/** Variables whose presence means "this is a real Microsoft deployment". */
const MICROSOFT_VARIABLES = [
  "AAD_APP_CLIENT_ID",
  "SECRET_AAD_APP_CLIENT_SECRET",
  "BOT_ID",
  "SECRET_BOT_PASSWORD",
  "TAB_ENDPOINT",
  "TAB_DOMAIN",
] as const;

const guid = z.string().regex(GUID_PATTERN, "must be a GUID");
const port = z.coerce.number({ error: "must be a port number" }).int("must be a port number").min(0).max(65535);
const httpsUrl = z.url().refine((u) => u.startsWith("https://"), "must be an https:// URL");
const count = (unit: string, min: number, max: number) =>
  z.coerce
    .number({ error: `must be a whole number of ${unit}` })
    .int(`must be a whole number of ${unit}`)
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`);
const logLevel = z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]);
const databaseUrl = z
  .string()
  .refine((u) => /^postgres(ql)?:\/\/\S+$/.test(u), "must be a postgres:// URL");

const common = {
  PORT: port.default(3978),
  HOST: z.string().min(1).optional(),
  DATABASE_URL: databaseUrl.optional(),
  DATA_DIR: z.string().min(1).default("data"),
  SQLITE_PATH: z.string().min(1).optional(),
  LOG_LEVEL: logLevel.default("info"),
  // A reverse proxy (Azure App Service) sets X-Forwarded-For; trust it only when told to.
  TRUST_PROXY: z.enum(["true", "false"]).default("false"),
  // After a rejection the person may ask again only after this many days (0: at once).
  JOIN_REQUEST_COOLDOWN_DAYS: z.coerce.number({ error: "must be a number of days" }).min(0, "must be 0 or more").max(365, "must be at most 365").default(7),
  // Limits on what is expensive or attackable (docs/spec.md §9); counted in fixed windows of this length.
  RATE_LIMIT_WINDOW_SECONDS: count("seconds", 1, 3_600).default(60),
  // First sign-ins (on-behalf-of + Graph + a write) per tenant and window, shared by every instance.
  RATE_LIMIT_FIRST_SIGN_INS_PER_TENANT: count("sign-ins", 1, 10_000_000).default(6_000),
  // Tokens that fail verification per client address and window (per instance).
  RATE_LIMIT_FAILED_TOKENS_PER_ADDRESS: count("tokens", 1, 10_000_000).default(300),
};

const sandboxSchema = z.object({
  ...common,
  SANDBOX_PORT: port.default(3979),
  // An already-running sandbox (`npm run sandbox`) that several app instances share, e.g. https://localhost:3979.
  SANDBOX_URL: z
    .url({ error: "must be the sandbox's https:// URL, e.g. https://localhost:3979" })
    .refine((u) => /^https:\/\/[^/]+\/?$/.test(u), "must be the sandbox's https:// URL, e.g. https://localhost:3979")
    .optional(),
});

const productionSchema = z.object({
  ...common,
  AAD_APP_CLIENT_ID: guid,
  SECRET_AAD_APP_CLIENT_SECRET: z.string().min(1, "must not be empty"),
  AAD_APP_OAUTH_AUTHORITY_HOST: httpsUrl.default("https://login.microsoftonline.com"),
  BOT_ID: guid,
  // Azure Bot Service accepts only these two since 31 July 2025; MultiTenant is refused by name.
  BOT_TYPE: z
    .string()
    .default("SingleTenant")
    .refine((t) => t === "SingleTenant" || t === "UserAssignedMSI", "must be SingleTenant or UserAssignedMSI (Azure Bot Service no longer accepts MultiTenant bots)"),
  // The bot's home tenant: its connector tokens come from there, never from botframework.com.
  BOT_TENANT_ID: guid,
  // A managed identity has no secret; a single-tenant app registration needs one.
  SECRET_BOT_PASSWORD: z.string().min(1, "must not be empty").optional(),
  TEAMS_APP_ID: guid.optional(),
  TAB_ENDPOINT: httpsUrl,
  TAB_DOMAIN: z.string().regex(/^[a-z0-9.-]+(:\d+)?$/i, "must be a host name such as app.contoso.com"),
  GRAPH_BASE_URL: httpsUrl.default("https://graph.microsoft.com"),
});

/** The Azure Bot identity types Azure Bot Service still accepts for new bots. */
export type BotType = "SingleTenant" | "UserAssignedMSI";

/** How the app reaches Microsoft: real Entra ID/Graph in production, the sandbox otherwise. */
export interface MicrosoftSettings {
  clientId: string;
  clientSecret: string;
  /** e.g. https://login.microsoftonline.com — tenants are appended as /{tid}. */
  authorityHost: string;
  /** The same authority as a browser should reach it (the sandbox serves its pages over plain HTTP). */
  browserAuthorityHost: string;
  /** The api:// URI that tokens for the app may carry as `aud`, besides the client id. */
  appIdUri: string;
  graphBaseUrl: string;
  botId: string;
  /** Empty for a user-assigned managed identity (BOT_TYPE=UserAssignedMSI). */
  botPassword: string;
  /** The tenant of the bot's app registration (single-tenant bot) or managed identity. */
  botTenantId: string;
  botType: BotType;
  teamsAppId?: string;
}

/** docs/spec.md §9: what is expensive or attackable is limited; a returning member with a valid token never is, per tenant. */
export interface RateLimits {
  windowSeconds: number;
  firstSignInsPerTenant: number;
  failedTokensPerAddress: number;
}

export interface Config {
  mode: "sandbox" | "production";
  port: number;
  host: string;
  logLevel: z.infer<typeof logLevel>;
  trustProxy: boolean;
  database: { dialect: "postgres"; url: string } | { dialect: "sqlite"; path: string };
  /** Local state: the SQLite file by default, and the sandbox's certificate and keys. */
  dataDir: string;
  /** How long a rejected person waits before asking to join again. */
  rejectionCooldownMs: number;
  /** Public base URL of the app (tab, API, consent callback). Known in production; set at listen time in sandbox mode. */
  publicUrl?: string;
  /** Present in production; in sandbox mode main.ts derives it from the running sandbox. */
  microsoft?: MicrosoftSettings;
  /** Sandbox mode: start one on `port`, or use the running one at `url` (then this instance does not seed unless first). */
  sandbox?: { port: number; url?: string };
  limits: RateLimits;
}

function parse<T extends z.ZodTypeAny>(schema: T, env: Record<string, string | undefined>): z.infer<T> {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const variable = String(issue.path[0] ?? "environment");
    const missing = issue.code === "invalid_type" && cleaned[variable] === undefined;
    const reason = missing ? "is required" : issue.message;
    throw new ConfigError(variable, reason);
  }
  return result.data;
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Readonly<Config> {
  const production = MICROSOFT_VARIABLES.some((name) => env[name] !== undefined && env[name] !== "");
  const base = parse(z.object(common), env);
  const database: Config["database"] = base.DATABASE_URL
    ? { dialect: "postgres", url: base.DATABASE_URL }
    : { dialect: "sqlite", path: base.SQLITE_PATH ?? `${base.DATA_DIR.replace(/\/+$/, "")}/rosterlink.sqlite` };
  const shared = {
    port: base.PORT,
    logLevel: base.LOG_LEVEL,
    trustProxy: base.TRUST_PROXY === "true",
    database,
    dataDir: base.DATA_DIR,
    rejectionCooldownMs: Math.round(base.JOIN_REQUEST_COOLDOWN_DAYS * 24 * 60 * 60 * 1000),
    limits: Object.freeze({
      windowSeconds: base.RATE_LIMIT_WINDOW_SECONDS,
      firstSignInsPerTenant: base.RATE_LIMIT_FIRST_SIGN_INS_PER_TENANT,
      failedTokensPerAddress: base.RATE_LIMIT_FAILED_TOKENS_PER_ADDRESS,
    }),
  };

  if (!production) {
    const sandbox = parse(sandboxSchema, env);
    return Object.freeze({
      ...shared,
      mode: "sandbox" as const,
      // The sandbox trusts anyone who can reach it, so it listens on loopback unless told otherwise.
      host: base.HOST ?? "127.0.0.1",
      sandbox: { port: sandbox.SANDBOX_PORT, url: sandbox.SANDBOX_URL?.replace(/\/+$/, "") },
    });
  }

  // The toolkit writes the signed-in tenant as TEAMS_APP_TENANT_ID and its Azure Bot template reads
  // MicrosoftAppType; both are accepted as the defaults of the bot's own names.
  const prod = parse(productionSchema, {
    ...env,
    BOT_TENANT_ID: env.BOT_TENANT_ID || env.TEAMS_APP_TENANT_ID,
    BOT_TYPE: env.BOT_TYPE || env.MicrosoftAppType,
  });
  if (prod.BOT_TYPE === "SingleTenant" && !prod.SECRET_BOT_PASSWORD) {
    throw new ConfigError("SECRET_BOT_PASSWORD", "is required for a single-tenant bot (BOT_TYPE=SingleTenant)");
  }
  return Object.freeze({
    ...shared,
    mode: "production" as const,
    host: base.HOST ?? "0.0.0.0",
    publicUrl: prod.TAB_ENDPOINT.replace(/\/+$/, ""),
    microsoft: Object.freeze({
      clientId: prod.AAD_APP_CLIENT_ID,
      clientSecret: prod.SECRET_AAD_APP_CLIENT_SECRET,
      authorityHost: prod.AAD_APP_OAUTH_AUTHORITY_HOST.replace(/\/+$/, ""),
      browserAuthorityHost: prod.AAD_APP_OAUTH_AUTHORITY_HOST.replace(/\/+$/, ""),
      appIdUri: `api://${prod.TAB_DOMAIN}/${prod.AAD_APP_CLIENT_ID}`,
      graphBaseUrl: prod.GRAPH_BASE_URL.replace(/\/+$/, ""),
      botId: prod.BOT_ID,
      botPassword: prod.SECRET_BOT_PASSWORD ?? "",
      botTenantId: prod.BOT_TENANT_ID,
      botType: prod.BOT_TYPE as BotType,
      teamsAppId: prod.TEAMS_APP_ID,
    }),
  });
}
