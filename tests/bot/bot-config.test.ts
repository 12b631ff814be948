import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../api/config.js";
import { startRosterLink } from "../../main.js";

const production = {
  AAD_APP_CLIENT_ID: "9e1d4c7b-0a2f-4b3e-8d5c-6f7a8b9c0d1e",
  SECRET_AAD_APP_CLIENT_SECRET: "secret",
  SECRET_BOT_PASSWORD: "bot-secret",
  TAB_ENDPOINT: "https://rosterlink.contoso.example",
  TAB_DOMAIN: "rosterlink.contoso.example",
};

describe("the bot's app id in production", () => {
  it("refuses to start without BOT_ID: an empty id would switch Bot Framework authentication off", async () => {
    expect(() => loadConfig({ ...production, BOT_ID: "" })).toThrow(new ConfigError("BOT_ID", "is required"));
    await expect(startRosterLink({ env: { ...production } })).rejects.toThrow("Configuration error: BOT_ID is required");
  });
});
