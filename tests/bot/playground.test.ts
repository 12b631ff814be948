import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";

// `npm run playground` as a developer runs it: the script starts RosterLink in sandbox mode and the Microsoft 365
// Agents Playground, and everything below talks to the Playground through its own HTTP and WebSocket interface.
const ROOT = new URL("../..", import.meta.url).pathname;
const AS = "principal@contoso.example";
const dataDir = mkdtempSync(join(tmpdir(), "rosterlink-playground-"));

interface PlaygroundMessage {
  action: string;
  actionConversationId: string;
  message: { from: { id: string }; text?: string; attachments?: { contentType: string; content: any }[] };
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

let playgroundUrl = "";
let appUrl = "";
let sandboxUrl = "";
let stop: () => Promise<void> = async () => {};

beforeAll(async () => {
  const port = await freePort();
  const child = spawn(join(ROOT, "node_modules/.bin/tsx"), ["scripts/playground.ts"], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "/tmp",
      PORT: "0",
      SANDBOX_PORT: "0",
      DATA_DIR: dataDir,
      LOG_LEVEL: "warn",
      PLAYGROUND_PORT: String(port),
      PLAYGROUND_AS: AS,
      NODE_OPTIONS: "--disable-warning=DEP0111",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (out += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  stop = async () => {
    child.kill("SIGTERM");
    await exited;
  };
  playgroundUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    const urls = /RosterLink: (http:\/\/\S+)\s+·\s+Sandbox start page: (http:\/\/\S+?)\//.exec(out);
    const ping = urls && (await fetch(`${playgroundUrl}/_internal/v1/config`).then((r) => r.ok, () => false));
    if (urls && ping) {
      appUrl = urls[1]!;
      sandboxUrl = urls[2]!;
      break;
    }
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`the playground did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}, 120_000);

afterAll(async () => {
  await stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** The Playground streams what the bot sends to its browser client over this socket; it buffers until one connects. */
function watchConversation() {
  const socket = new WebSocket(`${playgroundUrl.replace("http", "ws")}/_ws_conversation/v1/conversations/stream`);
  const received: PlaygroundMessage[] = [];
  socket.on("message", (data) => {
    const parsed = JSON.parse(data.toString()) as PlaygroundMessage | PlaygroundMessage[];
    received.push(...(Array.isArray(parsed) ? parsed : [parsed]));
  });
  const until = async (match: (m: PlaygroundMessage) => boolean, timeoutMs = 20_000) => {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const found = received.find(match);
      if (found) return found;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`no such message from the bot; received: ${JSON.stringify(received).slice(0, 2000)}`);
  };
  return { until, close: () => socket.close() };
}

describe("npm run playground", () => {
  it("plays the chosen persona: the Playground's current user is that person, in their tenant", async () => {
    const { config } = (await (await fetch(`${playgroundUrl}/_internal/v1/config`)).json()) as any;
    expect(config.currentUser.userPrincipleName).toBe(AS);
    expect(config.currentUser.name).toMatch(/Priya Patel/);
    expect(config.tenantId).toBe("c0a70500-0000-4000-8000-000000000001");
    expect(config.currentUser.aadObjectId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("answers `pending` from the org admin with the waiting requests as an Adaptive Card", async () => {
    // A teacher asks to join, through the app's real API with a sandbox token.
    const token = (await (
      await fetch(`${sandboxUrl}/sandbox/token`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ upn: "tutor@contoso.example" }),
      })
    ).json()) as { access_token: string };
    const ask = await fetch(`${appUrl}/api/me/join-request`, { method: "POST", headers: { authorization: `Bearer ${token.access_token}` } });
    expect(ask.status).toBeLessThan(300);

    const { config } = (await (await fetch(`${playgroundUrl}/_internal/v1/config`)).json()) as any;
    const conversation = watchConversation();
    try {
      const sent = await fetch(`${playgroundUrl}/_conversation/v1/conversations/personal-chat-rosterlink/messages`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ from: { id: config.currentUser.id }, text: "pending", textFormat: "plain" }),
      });
      expect(sent.status).toBe(200);
      const card = await conversation.until(
        (m) =>
          m.action === "createMessage" &&
          m.message.from.id !== config.currentUser.id &&
          (m.message.attachments ?? []).some((a) => a.contentType === "application/vnd.microsoft.card.adaptive" && JSON.stringify(a.content).includes("Tara")),
      );
      const content = JSON.stringify(card.message.attachments!.find((a) => a.contentType === "application/vnd.microsoft.card.adaptive")!.content);
      expect(content).not.toMatch(/Only organization admins/);
    } finally {
      conversation.close();
    }
  });
});
