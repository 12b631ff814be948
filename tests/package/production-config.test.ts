import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../api/config.js";
import { filledEnvironment, readEnvTemplate, ROOT } from "./filled-env.js";

/** What a production process must be given (docs/spec.md §12); the rest have defaults. */
const REQUIRED = [
  "AAD_APP_CLIENT_ID",
  "SECRET_AAD_APP_CLIENT_SECRET",
  "BOT_ID",
  "SECRET_BOT_PASSWORD",
  "TAB_ENDPOINT",
  "TAB_DOMAIN",
] as const;

function configErrorOf(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error("expected a ConfigError");
}

describe("the app's configuration check against the env templates", () => {
  it("accepts the dev template once provision has filled it, in production mode", () => {
    const env = filledEnvironment("dev");
    // Only the agreed interface is checked here: no ConfigError, and production mode.
    expect(loadConfig(env).mode).toBe("production");
  });

  it("runs the sandbox with the template as committed, before any Microsoft value is filled in", () => {
    const env = { ...readEnvTemplate(".env.dev"), ...readEnvTemplate(".env.dev.user.sample") };
    expect(loadConfig(env).mode).toBe("sandbox");
  });

  it.each(REQUIRED)("names %s in one line when it is missing", (variable) => {
    const env: Record<string, string | undefined> = filledEnvironment("dev");
    delete env[variable];
    const error = configErrorOf(() => loadConfig(env));
    expect(error.variable).toBe(variable);
    expect(error.message).toContain(variable);
    expect(error.message).not.toContain("\n");
  });

  it.each([
    ["AAD_APP_CLIENT_ID", "not-a-guid"],
    ["BOT_ID", "rosterlink-bot"],
    ["TAB_ENDPOINT", "http://rosterlink.example"],
    ["AAD_APP_OAUTH_AUTHORITY_HOST", "http://login.microsoftonline.com"],
    ["DATABASE_URL", "mysql://rosterlink@db.example/rosterlink"],
    ["PORT", "eighty"],
  ])("names %s when its value is wrong", (variable, value) => {
    const error = configErrorOf(() => loadConfig({ ...filledEnvironment("dev"), [variable]: value }));
    expect(error.variable).toBe(variable);
    expect(error.message).toContain(variable);
  });

  it("gets every required variable on App Service from infra/azure.bicep's application settings", () => {
    const bicep = readFileSync(join(ROOT, "infra", "azure.bicep"), "utf8");
    const settings = /resource webAppSettings[\s\S]*?properties: \{([\s\S]*?)\n {2}\}/.exec(bicep)?.[1] ?? "";
    const names = [...settings.matchAll(/^\s+([A-Z][A-Z0-9_]*):/gm)].map((match) => match[1]!);
    expect(names).toEqual(expect.arrayContaining([...REQUIRED, "DATABASE_URL", "AAD_APP_OAUTH_AUTHORITY_HOST"]));
  });
});
