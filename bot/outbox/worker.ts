import { randomUUID } from "node:crypto";
import { scrub, type Logger } from "../../api/log.js";
import type { OutboxTuning } from "../../api/tuning.js";
import type { OutboxRow } from "../../api/store/models.js";
import type { Store } from "../../api/store/store.js";
import { claimConversationBacklog, claimDueNotifications } from "../../api/domain/outbox/claim-outbox.js";
import { CARD_SEND, fanOutRequestCards } from "../../api/domain/outbox/fan-out-request-cards.js";
import { completeNotifications, failNotifications, retryNotifications } from "../../api/domain/outbox/settle-outbox.js";
import { notificationOf } from "../../api/domain/outbox/enqueue-notification.js";
import { cardsShowingRequests } from "../../api/domain/conversations/card-deliveries.js";
import { reserveSendSlot, sharesTenantPace } from "../../api/domain/outbox/reserve-send-slot.js";
import { ChannelCallFailed, type BotTransport } from "../adapter.js";
import { ChannelRateLimiter, type SharedTenantPace } from "./rate-limiter.js";
import { isRetriable, retryDelayMs } from "./retry-policy.js";
import { Undeliverable, sendRequestCards } from "./send-request-cards.js";
import { updateCard } from "./update-request-cards.js";
import { runPool } from "./pool.js";
import { tellAdminsOfAttention } from "./tell-admins-attention.js";
import { tellRequester } from "./tell-requester.js";
import type { WorkerContext } from "./worker-context.js";

export interface OutboxWorkerOptions {
  store: Store;
  transport: BotTransport;
  log: Logger;
  tuning: OutboxTuning;
  now: () => Date;
  /** Names this instance's claims in the store (for operators reading the outbox table). */
  instanceId: string;
}

export interface OutboxWorker {
  start(): void;
  /** Stops polling and waits for the batch in flight; unsent rows stay for the next start. */
  stop(): Promise<void>;
  /** One batch now (tests, and the loop itself); answers how many rows it claimed. */
  runOnce(): Promise<number>;
}

/**
 * Sends what the domain wrote to the outbox (docs/spec.md §7): any instance may run it; rows are claimed so
 * each is handled once at a time, a crashed claim expires, failures retry with backoff and jitter.
 */
export function createOutboxWorker(options: OutboxWorkerOptions): OutboxWorker {
  const { store, log, tuning } = options;
  // Several instances share a PostgreSQL, so there a tenant's pace is shared through it too; SQLite is one
  // instance (docs/spec.md §10): the in-process limiter alone paces it, with no round trip per send.
  const shared: SharedTenantPace | undefined =
    tuning.sharedPace && sharesTenantPace({ store })
      ? async (tid, notBeforeMs) => (await reserveSendSlot({ store }, { tid, notBeforeMs, perSecond: tuning.perTenantPerSecond })).waitMs
      : undefined;
  const limiter = new ChannelRateLimiter({ perTenantPerSecond: tuning.perTenantPerSecond, pace: tuning.pace }, undefined, shared);
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<unknown> = Promise.resolve();
  let stopped = true;

  const settleFailure = async (ctx: WorkerContext, rows: OutboxRow[], error: unknown) => {
    const ids = rows.map((r) => r.id);
    const status = error instanceof ChannelCallFailed ? error.status : undefined;
    // Stored in last_error and logged: a channel error may echo a token, so it is scrubbed first.
    const message = scrub(error instanceof Error ? error.message : String(error));
    if (error instanceof Undeliverable || (error instanceof ChannelCallFailed && !isRetriable(status))) {
      await failNotifications(ctx, { ids, claimToken: ctx.claimToken, error: message });
      log.warn({ outboxIds: ids, status, error: message }, "notification failed for good");
      return;
    }
    const attempts = Math.max(...rows.map((r) => r.attempts));
    const delay = retryDelayMs({ attempts, retryAfterMs: error instanceof ChannelCallFailed ? error.retryAfterMs : undefined, baseMs: tuning.backoffBaseMs, maxMs: tuning.backoffMaxMs });
    const availableAt = new Date(ctx.now().getTime() + delay);
    const outcome = await retryNotifications(ctx, { ids, claimToken: ctx.claimToken, availableAt, error: `${status ?? "network"}: ${message}`, maxAttempts: tuning.maxAttempts });
    if (!(error instanceof ChannelCallFailed)) log.error({ err: error, outboxIds: ids }, "notification handler failed; will retry");
    log.info({ outboxIds: ids, status, delayMs: delay, ...outcome }, "notification will be retried");
  };

  const guarded = async (ctx: WorkerContext, rows: OutboxRow[], work: () => Promise<void>) => {
    try {
      await work();
    } catch (error) {
      await settleFailure(ctx, rows, error);
    }
  };

  const runOnce = async (): Promise<number> => {
    const ctx: WorkerContext = { store, transport: options.transport, limiter, log, tuning, now: options.now, claimToken: `${options.instanceId.slice(0, 8)}:${randomUUID()}` }; // fits claimed_by (64)
    const claimed = await claimDueNotifications(ctx, { claimToken: ctx.claimToken, limit: tuning.batchSize, leaseMs: tuning.leaseMs });
    const conversations = new Set<string>();
    const decided: OutboxRow[] = [];
    // Calls to Teams run side by side (pool.ts), each paced by the limiter; database-only work runs here.
    const sends: Array<() => Promise<void>> = [];
    for (const row of claimed) {
      if (row.kind === CARD_SEND && row.conversationId) {
        conversations.add(row.conversationId);
        continue;
      }
      const notification = notificationOf(row);
      switch (notification?.kind) {
        case "join_request.created": {
          const { payload } = notification;
          await guarded(ctx, [row], async () => {
            const availableAt = new Date(ctx.now().getTime() + tuning.burstWindowMs);
            await fanOutRequestCards(ctx, { outboxId: row.id, claimToken: ctx.claimToken, payload, availableAt });
          });
          break;
        }
        case "join_request.decided":
          decided.push(row);
          break;
        case "join_request.requester_told": {
          const { requestId } = notification.payload;
          sends.push(() =>
            guarded(ctx, [row], async () => {
              await tellRequester(ctx, requestId);
              await completeNotifications(ctx, { ids: [row.id], claimToken: ctx.claimToken });
            }),
          );
          break;
        }
        case "tenant.needs_attention": {
          const { payload } = notification;
          sends.push(() =>
            guarded(ctx, [row], async () => {
              await tellAdminsOfAttention(ctx, payload);
              await completeNotifications(ctx, { ids: [row.id], claimToken: ctx.claimToken });
            }),
          );
          break;
        }
        case undefined:
          await failNotifications(ctx, { ids: [row.id], claimToken: ctx.claimToken, error: `unknown notification kind ${row.kind}` });
          break;
        default:
          // Exhaustive: a new kind in the union fails to compile until it is handled here.
          notification satisfies never;
      }
    }
    const settleDecided = await updateDecidedCards(ctx, decided, sends);
    for (const conversationId of conversations) {
      sends.push(async () => {
        const rows = await claimConversationBacklog(ctx, { claimToken: ctx.claimToken, leaseMs: tuning.leaseMs, kind: CARD_SEND, conversationId });
        await guarded(ctx, rows, () => sendRequestCards(ctx, conversationId, rows));
      });
    }
    await runPool(sends, tuning.concurrency);
    await settleDecided();
    return claimed.length;
  };

  /**
   * `join_request.decided` rows of one batch: each card showing any of them is replaced once (coalesced),
   * as one more send. Afterwards a row is done when every card showing its request was replaced; a row
   * whose card failed is settled with that failure (retried, or failed for good) and replaces it again later.
   */
  const updateDecidedCards = async (ctx: WorkerContext, rows: OutboxRow[], sends: Array<() => Promise<void>>): Promise<() => Promise<void>> => {
    if (rows.length === 0) return async () => undefined;
    const requestOf = (row: OutboxRow) => (row.payload as { requestId: string }).requestId;
    const decidedIds = new Set(rows.map(requestOf));
    let cards;
    try {
      // Coalesced: each card is replaced once with the current truth, however many of its requests were decided
      // (a bulk approval of 1,000 would otherwise replace each admin's digest 1,000 times, against Teams' 60 a
      // conversation per 30 s).
      cards = await cardsShowingRequests(ctx.store, [...decidedIds]);
    } catch (error) {
      await settleFailure(ctx, rows, error);
      return async () => undefined;
    }
    const failures = new Map<string, unknown>();
    for (const card of cards) {
      sends.push(async () => {
        try {
          await updateCard(ctx, card);
        } catch (error) {
          for (const id of card.requestIds) if (decidedIds.has(id) && !failures.has(id)) failures.set(id, error);
        }
      });
    }
    return async () => {
      const done = rows.filter((row) => !failures.has(requestOf(row)));
      await guarded(ctx, done, () => completeNotifications(ctx, { ids: done.map((r) => r.id), claimToken: ctx.claimToken }));
      for (const row of rows.filter((r) => failures.has(requestOf(r)))) await settleFailure(ctx, [row], failures.get(requestOf(row)));
    };
  };

  const loop = async () => {
    if (stopped) return;
    let claimed = 0;
    const batch = runOnce().then(
      (n) => (claimed = n),
      (error: unknown) => log.error({ err: error }, "outbox batch failed"),
    );
    inFlight = batch;
    await batch;
    // A full batch means more is waiting: go again at once; otherwise poll.
    if (!stopped) timer = setTimeout(() => void loop(), claimed >= tuning.batchSize ? 0 : tuning.pollMs);
  };

  return {
    start() {
      if (!stopped || !tuning.enabled) return;
      stopped = false;
      timer = setTimeout(() => void loop(), 0);
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await inFlight;
    },
    runOnce,
  };
}
