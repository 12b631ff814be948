/**
 * `npm run playground`: RosterLink in sandbox mode plus the Microsoft 365 Agents Playground, offline,
 * for trying the bot by hand. The playground sends activities without a Bot Framework token, so the
 * app serves a separate, unauthenticated /api/playground/messages — only because this script asks
 * for it, only in sandbox mode (startRosterLink ignores the option in production), and it says so
 * in its log. /api/messages keeps its full authentication.
 */
import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { startRosterLink } from "../main.js";
import { personas } from "../sandbox/fixtures/index.js";
import { PLAYGROUND_CONFIG_VARIABLE, PLAYGROUND_LOG_VARIABLE, playgroundConfig } from "./playground-config.js";

const PLAYGROUND_PORT = Number(process.env.PLAYGROUND_PORT ?? 56150);
const AS = process.env.PLAYGROUND_AS ?? "principal@contoso.example";

const persona = personas.find((p) => p.upn === AS);
if (!persona) {
  process.stderr.write(`PLAYGROUND_AS: no sandbox persona ${AS}; one of: ${personas.map((p) => p.upn).join(", ")}\n`);
  process.exit(78);
}

const app = await startRosterLink({ playground: true });
if (app.config.mode !== "sandbox") {
  process.stderr.write("The playground runs against the sandbox only: unset the Microsoft variables (BOT_ID, …).\n");
  await app.close();
  process.exit(78);
}

// The playground plays one Teams user; make it a sandbox persona so cards act as that admin.
const configDir = join(app.config.dataDir, "playground");
mkdirSync(configDir, { recursive: true });
const configPath = join(configDir, ".m365agentsplayground.yml");
writeFileSync(configPath, playgroundConfig(persona, personas));

const endpoint = `${app.url}/api/playground/messages`;
const cli = createRequire(import.meta.url).resolve("@microsoft/m365agentsplayground/cli.js");
const child = spawn(process.execPath, [cli, "--app-endpoint", endpoint, "--port", String(PLAYGROUND_PORT), "--channel-id", "msteams", "--disable-telemetry"], {
  stdio: "inherit",
  env: {
    ...process.env,
    TEAMSAPPTESTER_BROWSER: "none",
    BOT_ENDPOINT: endpoint,
    [PLAYGROUND_CONFIG_VARIABLE]: configPath,
    [PLAYGROUND_LOG_VARIABLE]: join(configDir, "playground.log"),
    SEND_INSTALLATION_ACTIVITY: "true",
  },
});
process.stdout.write(
  `\nAgents Playground: open http://localhost:${PLAYGROUND_PORT} — you are ${persona.displayName} (${persona.upn}).\n` +
    `Type "help" or "pending"; cards for new requests arrive here after "install" (the playground sends it on start).\n` +
    `Another persona: PLAYGROUND_AS=<upn> npm run playground (the UPNs are on the sandbox start page).\n` +
    `RosterLink: ${app.url}  ·  Sandbox start page: ${app.sandbox?.httpUrl}/  ·  Ctrl+C stops both.\n\n`,
);

const stop = async () => {
  child.kill("SIGTERM");
  await app.close();
  process.exit(0);
};
process.once("SIGINT", () => void stop());
process.once("SIGTERM", () => void stop());
child.once("exit", (code) => {
  process.stdout.write(`Agents Playground exited (${code ?? "signal"}).\n`);
  void app.close().then(() => process.exit(code ?? 0));
});
