import { Op, Transaction, type WhereOptions } from "sequelize";
import type { OutboxRow } from "../../store/models.js";
import type { CommandContext } from "../command-context.js";

export interface ClaimInput {
  /** Unique per claim: completing or retrying a row requires the same token. */
  claimToken: string;
  limit: number;
  leaseMs: number;
}

/** A row is free when pending and nobody holds a live claim on it (a crashed worker's claim expires). */
const unclaimed = (now: Date): WhereOptions<OutboxRow> => ({
  status: "pending",
  [Op.or]: [{ claimedUntil: null }, { claimedUntil: { [Op.lt]: now } }],
});

/**
 * Claims due notifications so that each is handled by one worker at a time, on any number of
 * instances. PostgreSQL: `SELECT … FOR UPDATE SKIP LOCKED` inside a transaction, so concurrent
 * workers take disjoint rows without waiting on each other. SQLite (one instance): a conditional
 * UPDATE that only takes rows still unclaimed; the token then reads back exactly what was taken.
 */
export async function claimDueNotifications(ctx: CommandContext<"store" | "now">, input: ClaimInput): Promise<OutboxRow[]> {
  const now = ctx.now();
  const { store } = ctx;
  const { claimToken, limit, leaseMs } = input;
  const { Outbox } = store.models;
  const due: WhereOptions<OutboxRow> = { [Op.and]: [unclaimed(now), { availableAt: { [Op.lte]: now } }] };
  const claim = { claimedBy: claimToken, claimedUntil: new Date(now.getTime() + leaseMs) };
  if (store.dialect === "postgres") {
    await store.transaction(async (transaction) => {
      const rows = await Outbox.findAll({
        where: due,
        order: [["availableAt", "ASC"]],
        limit,
        attributes: ["id"],
        lock: Transaction.LOCK.UPDATE,
        skipLocked: true,
        transaction,
      });
      if (rows.length) await Outbox.update(claim, { where: { id: rows.map((r) => r.id) }, transaction });
    });
  } else {
    const candidates = await Outbox.findAll({ where: due, order: [["availableAt", "ASC"]], limit, attributes: ["id"], raw: true });
    if (candidates.length) await Outbox.update(claim, { where: { [Op.and]: [{ id: candidates.map((r) => r.id) }, unclaimed(now)] } });
  }
  const rows = await Outbox.findAll({ where: { claimedBy: claimToken, status: "pending" }, order: [["availableAt", "ASC"]], raw: true });
  return rows.map(withParsedPayload);
}

/** Raw reads skip Sequelize's JSON parsing on SQLite (the column is TEXT there). */
export function parsedJson(value: unknown): unknown {
  return typeof value === "string" ? JSON.parse(value) : value;
}
const withParsedPayload = (row: OutboxRow): OutboxRow => ({ ...row, payload: parsedJson(row.payload) });

/**
 * Also claims every other unsent row of one kind for one conversation, due or not: a burst of cards
 * for one admin is sent as one digest (docs/spec.md §6). Rows another worker holds are left alone.
 */
export async function claimConversationBacklog(
  ctx: CommandContext<"store" | "now">,
  input: Omit<ClaimInput, "limit"> & { kind: string; conversationId: string },
): Promise<OutboxRow[]> {
  const now = ctx.now();
  const { store } = ctx;
  const { claimToken, leaseMs, kind, conversationId } = input;
  const { Outbox } = store.models;
  await Outbox.update(
    { claimedBy: claimToken, claimedUntil: new Date(now.getTime() + leaseMs) },
    { where: { [Op.and]: [unclaimed(now), { kind, conversationId }] } },
  );
  const rows = await Outbox.findAll({ where: { claimedBy: claimToken, status: "pending", kind, conversationId }, order: [["createdAt", "ASC"]], raw: true });
  return rows.map(withParsedPayload);
}
