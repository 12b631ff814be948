import type { Server } from "restify";
import type { Logger } from "../api/log.js";
import type { OutboxTuning } from "../api/tuning.js";
import type { Store } from "../api/store/store.js";
import { RosterLinkBot } from "./activity-handler.js";
import { createBotTransport, type BotAuthentication } from "./adapter.js";
import { createOutboxWorker, type OutboxWorker } from "./outbox/worker.js";

export type { BotAuthentication } from "./adapter.js";

export interface BotOptions {
  store: Store;
  log: Logger;
  now: () => Date;
  authentication: BotAuthentication;
  tuning: OutboxTuning;
  /** After a rejection from a card, how long before the person may ask again. */
  rejectionCooldownMs: number;
  instanceId: string;
  /** Where activities arrive: /api/messages (the playground gets its own path). */
  path?: string;
}

/** Mounts the bot on the app's restify server and builds its outbox worker (started by main.ts). */
export function mountBot(server: Server, options: BotOptions): { worker: OutboxWorker } {
  const log = options.log.child({ component: "bot" });
  const transport = createBotTransport(options.authentication, log);
  const bot = new RosterLinkBot({ store: options.store, log, now: options.now, rejectionCooldownMs: options.rejectionCooldownMs });
  server.post(options.path ?? "/api/messages", async (req, res) => {
    await transport.process(req, res, bot);
  });
  const worker = createOutboxWorker({ store: options.store, transport, log, tuning: options.tuning, now: options.now, instanceId: options.instanceId });
  return { worker };
}
