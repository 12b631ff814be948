import { afterAll, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../api/config.js";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { buildJoinRequest } from "../api/requests-factory.js";
import { FAST_OUTBOX, cardFor, cardOf, cardText, cardsIn, chat, eventually, install } from "./connector-helpers.js";

const production = {
  AAD_APP_CLIENT_ID: "9e1d4c7b-0a2f-4b3e-8d5c-6f7a8b9c0d1e",
  SECRET_AAD_APP_CLIENT_SECRET: "secret",
  BOT_ID: "2b4d6f80-1a3c-4e5f-8a7b-9c0d1e2f3a4b",
  SECRET_BOT_PASSWORD: "bot-secret",
  BOT_TENANT_ID: "0c5e9a7b-2d1f-4e3a-8b6c-9d0e1f2a3b4c",
  TAB_ENDPOINT: "https://rosterlink.contoso.example",
  TAB_DOMAIN: "rosterlink.contoso.example",
};

const configError = (env: Record<string, string | undefined>) => {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error("expected a configuration error");
};

describe("the bot is single-tenant (or a managed identity) in production", () => {
  it("needs the bot's tenant, named in one line; the toolkit's TEAMS_APP_TENANT_ID serves as its default", () => {
    const missing = configError({ ...production, BOT_TENANT_ID: undefined });
    expect(missing.message).toBe("Configuration error: BOT_TENANT_ID is required");
    const fromToolkit = loadConfig({ ...production, BOT_TENANT_ID: undefined, TEAMS_APP_TENANT_ID: production.BOT_TENANT_ID });
    expect(fromToolkit.microsoft).toMatchObject({ botTenantId: production.BOT_TENANT_ID, botType: "SingleTenant" });
  });

  it("refuses a multi-tenant bot by name, since Azure Bot Service no longer creates them", () => {
    for (const env of [{ ...production, BOT_TYPE: "MultiTenant" }, { ...production, MicrosoftAppType: "MultiTenant" }]) {
      const error = configError(env);
      expect(error.variable).toBe("BOT_TYPE");
      expect(error.message).toMatch(/^Configuration error: BOT_TYPE must be SingleTenant or UserAssignedMSI/);
      expect(error.message).not.toContain("\n");
    }
  });

  it("a user-assigned managed identity needs no secret; a single-tenant app registration does", () => {
    const msi = loadConfig({ ...production, SECRET_BOT_PASSWORD: undefined, BOT_TYPE: "UserAssignedMSI" });
    expect(msi.microsoft).toMatchObject({ botType: "UserAssignedMSI", botPassword: "" });
    expect(configError({ ...production, SECRET_BOT_PASSWORD: undefined }).variable).toBe("SECRET_BOT_PASSWORD");
  });
});

describe("cards reach admins through a single-tenant bot", () => {
  const running: TestApp[] = [];
  afterAll(async () => {
    for (const t of running.reverse()) await t.close();
  });

  it("when the connector refuses the bot's cached token (401), the bot gets a new token and the card still arrives, once", async () => {
    const t = await startTestApp({ tuning: { outbox: FAST_OUTBOX } });
    running.push(t);
    await install(t, "principal@contoso.example");
    // A first card caches the bot's token (from Contoso's authority: the sandbox refuses botframework.com).
    const first = await buildJoinRequest(t, { displayName: "Tia Token" });
    await cardFor(t, "principal@contoso.example", first.requestId);

    const stale = await t.sandboxCall("POST", "/sandbox/connector/stale-tokens");
    expect(stale.body.staleTokens).toBeGreaterThanOrEqual(1);
    const second = await buildJoinRequest(t, { displayName: "Sam Stale" });
    await cardFor(t, "principal@contoso.example", second.requestId);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(cardsIn(await chat(t, "principal@contoso.example")).filter((a) => cardText(cardOf(a)).includes(second.requestId))).toHaveLength(1);
    // Refreshed within the same attempt: the outbox never saw a failure.
    const row = await eventually(async () => {
      const rows = await t.app.store.models.Outbox.findAll({ where: { kind: "card.send" }, raw: true });
      const found = rows.find((r) => r.dedupeKey?.startsWith(`card.send:${second.requestId}:`));
      expect(found).toMatchObject({ status: "sent" });
      return found!;
    });
    expect(row.lastError ?? null).toBeNull();
    expect(t.logs.text()).toContain("channel refused the bot's token; retrying once with a new token");
  });
});
