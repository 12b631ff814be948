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

const PLAYGROUND_PORT = Number(process.env.PLAYGROUND_PORT ?? 56150);
const AS = process.env.PLAYGROUND_AS ?? "principal@contoso.example";

const app = await startRosterLink({ playground: true });
if (app.config.mode !== "sandbox") {
  process.stderr.write("The playground runs against the sandbox only: unset the Microsoft variables (BOT_ID, …).\n");
  await app.close();
  process.exit(78);
}
const persona = personas.find((p) => p.upn === AS);
if (!persona) throw new Error(`No sandbox persona ${AS}`);

// The playground plays one Teams user; make it a sandbox persona so cards act as that admin.
const configDir = join(app.config.dataDir, "playground");
mkdirSync(configDir, { recursive: true });
const configPath = join(configDir, ".m365agentsplayground.yml");
writeFileSync(
  configPath,
  [
    'version: "0.1.1"',
    `tenantId: ${persona.tid}`,
    "bot:",
    "  id: 28:rosterlink",
    "  name: RosterLink",
    "currentUser:",
    `  id: 29:${persona.oid}`,
    `  name: ${persona.displayName}`,
    `  userPrincipleName: ${persona.upn}`,
    `  aadObjectId: ${persona.oid}`,
    `  email: ${persona.email}`,
    "users: []",
    "personalChat:",
    "  id: personal-chat-rosterlink",
    "groupChat:",
    "  id: group-chat-rosterlink",
    "  name: Group Chat",
    "team:",
    "  id: team-rosterlink",
    "  name: RosterLink Team",
    "  aadGroupId: 00000000-0000-0000-0000-000000000031",
    "  channels:",
    "    - id: channel-general",
    "      name: General",
    "",
  ].join("\n"),
);

const endpoint = `${app.url}/api/playground/messages`;
const cli = createRequire(import.meta.url).resolve("@microsoft/m365agentsplayground/cli.js");
const child = spawn(process.execPath, [cli, "--app-endpoint", endpoint, "--port", String(PLAYGROUND_PORT), "--channel-id", "msteams", "--disable-telemetry"], {
  stdio: "inherit",
  env: { ...process.env, TEAMSAPPTESTER_BROWSER: "none", BOT_ENDPOINT: endpoint, AGENTS_PLAYGROUND_CONFIG_PATH: configPath, SEND_INSTALLATION_ACTIVITY: "true" },
});
process.stdout.write(
  `\nAgents Playground: open http://localhost:${PLAYGROUND_PORT} — you are ${persona.displayName} (${persona.upn}).\n` +
    `Type "help" or "pending"; cards for new requests arrive here after "install" (the playground sends it on start).\n` +
    `Sandbox start page: ${app.sandbox?.httpUrl}/  ·  Ctrl+C stops both.\n\n`,
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
