import type { Logger } from "../../api/log.js";
import type { OutboxTuning } from "../../api/tuning.js";
import type { Store } from "../../api/store/store.js";
import type { BotTransport } from "../adapter.js";
import type { ChannelRateLimiter } from "./rate-limiter.js";

/** What one batch of the outbox worker works with. */
export interface WorkerContext {
  store: Store;
  transport: BotTransport;
  limiter: ChannelRateLimiter;
  log: Logger;
  tuning: OutboxTuning;
  claimToken: string;
  now: () => Date;
}
