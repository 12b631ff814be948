import { QueryTypes, type Sequelize } from "sequelize";
import { ADVISORY_LOCKS } from "./advisory-lock.js";
import { TENANT_WINDOW_MS, earliestTenantSlot } from "./tenant-pace.js";

export interface SendSlot {
  /** The slot, in epoch ms on the database's clock. */
  at: number;
  /** In ms from when this answer returns (negative when already due): the caller sleeps this long. */
  waitMs: number;
}

/**
 * Reserves the tenant's next send slot among those every app instance reserved (PostgreSQL only: SQLite is
 * one instance, and the in-process limiter alone paces it). One short transaction: a transaction-scoped
 * advisory lock keyed by the tenant makes reservations for one tenant take turns (other tenants do not
 * wait: a hash collision only makes two tenants take turns); then the tenant's slots of the last second and
 * ahead are read, the earliest free place ≥ now + `notBeforeMs` is chosen (tenant-pace.ts: ≤ `perSecond` in
 * any sliding second, 1/60 s from every other slot), inserted, and slots older than a second are deleted.
 *
 * Clock: the database's `clock_timestamp()`, read after the lock is held. Every instance then measures slots
 * on one clock, so instances whose clocks differ a little cannot place two sends closer than they look; and
 * read after the lock, "now" is never older than the slots that the previous holder placed. The answer is
 * translated to this process's monotonic clock at the midpoint of that read (`performance.now()`, off by at
 * most half a round trip), not at the moment the answer arrives: the insert, the commit and a busy event loop
 * then do not make sends leave later than their slots by varying amounts, which bunches them at Teams.
 */
export async function reserveTenantSendSlot(
  sequelize: Sequelize,
  input: { tid: string; notBeforeMs: number; perSecond: number },
): Promise<SendSlot> {
  const { tid, perSecond } = input;
  return sequelize.transaction(async (transaction) => {
    await sequelize.query("SELECT pg_advisory_xact_lock(:namespace, hashtext(:tid))", {
      replacements: { namespace: ADVISORY_LOCKS.tenantPace, tid },
      transaction,
    });
    const asked = performance.now();
    const [read] = await sequelize.query<{ now: number; slots: number[] }>(
      `WITH clock AS (SELECT (extract(epoch FROM clock_timestamp()) * 1000)::float8 AS now)
       SELECT clock.now, ARRAY(SELECT at_ms FROM tenant_send_slots
                               WHERE tid = :tid AND at_ms > clock.now - :windowMs ORDER BY at_ms) AS slots
       FROM clock`,
      { replacements: { tid, windowMs: TENANT_WINDOW_MS }, type: QueryTypes.SELECT, transaction },
    );
    const readAt = (asked + performance.now()) / 2;
    const now = Number(read!.now);
    // Placed relative to now: epoch ms (~1.7e12) carry only ~0.2 µs of precision, too coarse for the
    // placement's tolerance, while differences of nearby times are exact.
    const slots = read!.slots.map((slot) => Number(slot) - now);
    const at = now + earliestTenantSlot(slots, Math.max(0, input.notBeforeMs), perSecond);
    // The leading comment: see rate-limit-windows.ts (Sequelize treats SQL starting with INSERT specially).
    await sequelize.query(
      `/* tenant send slot */
       WITH gone AS (DELETE FROM tenant_send_slots WHERE tid = :tid AND at_ms <= :before)
       INSERT INTO tenant_send_slots (tid, at_ms) VALUES (:tid, :at)`,
      { replacements: { tid, at, before: now - TENANT_WINDOW_MS }, type: QueryTypes.RAW, transaction },
    );
    return { at, waitMs: readAt + (at - now) - performance.now() };
  });
}
