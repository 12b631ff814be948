/**
 * The env templates with every empty value filled in, as they look after `teamsapp provision`
 * (and with the secrets a real .user file would hold). A variable added to a template without
 * a sample value here fails the tests that use it, so the tests keep up with the templates.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseEnvFile } from "../../scripts/package-app.js";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));

const HOST = "rosterlinkdev-6bq2kzx3lm4pa.azurewebsites.net";

export const SAMPLE_VALUES: Record<string, string> = {
  APP_NAME_SUFFIX: " (dev)",
  AZURE_SUBSCRIPTION_ID: "3b0c5a2e-7d41-4f0e-9a6b-2c8d1e5f7a90",
  AZURE_RESOURCE_GROUP_NAME: "rg-rosterlink-dev",
  RESOURCE_SUFFIX: "dev",
  TEAMS_APP_ID: "5d2f8c1a-3e4b-4a6d-9c7e-1f0a2b3c4d5e",
  TEAMS_APP_TENANT_ID: "0c5e9a7b-2d1f-4e3a-8b6c-9d0e1f2a3b4c",
  AAD_APP_CLIENT_ID: "9e1d4c7b-0a2f-4b3e-8d5c-6f7a8b9c0d1e",
  AAD_APP_OBJECT_ID: "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
  AAD_APP_TENANT_ID: "0c5e9a7b-2d1f-4e3a-8b6c-9d0e1f2a3b4c",
  AAD_APP_OAUTH_AUTHORITY: "https://login.microsoftonline.com/0c5e9a7b-2d1f-4e3a-8b6c-9d0e1f2a3b4c",
  AAD_APP_OAUTH_AUTHORITY_HOST: "https://login.microsoftonline.com",
  AAD_APP_ACCESS_AS_USER_PERMISSION_ID: "7f6e5d4c-3b2a-4190-8f7e-6d5c4b3a2910",
  BOT_ID: "2b4d6f80-1a3c-4e5f-8a7b-9c0d1e2f3a4b",
  BOT_OBJECT_ID: "6a7b8c9d-0e1f-4a2b-9c3d-4e5f6a7b8c9d",
  BOT_TENANT_ID: "0c5e9a7b-2d1f-4e3a-8b6c-9d0e1f2a3b4c",
  BOT_DOMAIN: HOST,
  BOT_ENDPOINT: `https://${HOST}`,
  TAB_DOMAIN: HOST,
  TAB_ENDPOINT: `https://${HOST}`,
  APP_SERVICE_RESOURCE_ID:
    "/subscriptions/3b0c5a2e-7d41-4f0e-9a6b-2c8d1e5f7a90/resourceGroups/rg-rosterlink-dev/providers/Microsoft.Web/sites/rosterlinkdev-6bq2kzx3lm4pa",
  POSTGRES_SERVER_FQDN: "rosterlinkdev-6bq2kzx3lm4pa.postgres.database.azure.com",
  TEAMS_APP_PUBLISHED_APP_ID: "4c3b2a19-0f8e-4d7c-b6a5-948372615a0b",
  DATABASE_URL:
    "postgres://rosterlink:s3cret%2Fpass@rosterlinkdev-6bq2kzx3lm4pa.postgres.database.azure.com:5432/rosterlink?sslmode=verify-full",
  PORT: "8080",
  SECRET_AAD_APP_CLIENT_SECRET: "aad~client~secret",
  SECRET_BOT_PASSWORD: "bot~password",
  SECRET_POSTGRES_ADMIN_PASSWORD: "s3cret/pass",
};

export function readEnvTemplate(file: string): Record<string, string> {
  return parseEnvFile(readFileSync(join(ROOT, "env", file), "utf8"));
}

/** env/.env.<name> plus env/.env.<name>.user.sample, every empty value filled from SAMPLE_VALUES. */
export function filledEnvironment(envName: string): Record<string, string> {
  const template = { ...readEnvTemplate(`.env.${envName}`), ...readEnvTemplate(`.env.${envName}.user.sample`) };
  const filled: Record<string, string> = {};
  for (const [name, value] of Object.entries(template)) {
    const sample = value === "" ? SAMPLE_VALUES[name] : value;
    if (sample === undefined) throw new Error(`no sample value for ${name}: add one to tests/package/filled-env.ts`);
    filled[name] = sample;
  }
  return filled;
}

/** Writes a filled env/.env.<name> and its .user file into `dir`, as provision would leave them. */
export function writeFilledEnvFiles(dir: string, envName: string, overrides: Record<string, string> = {}): void {
  const values = { ...filledEnvironment(envName), ...overrides };
  const line = ([name, value]: [string, string]) => `${name}=${JSON.stringify(value)}`;
  const entries = Object.entries(values);
  writeFileSync(join(dir, `.env.${envName}`), entries.filter(([n]) => !n.startsWith("SECRET_")).map(line).join("\n") + "\n");
  writeFileSync(join(dir, `.env.${envName}.user`), entries.filter(([n]) => n.startsWith("SECRET_")).map(line).join("\n") + "\n");
}
