import { reserveTenantSendSlot } from "../../store/tenant-send-slots.js";
import type { CommandContext } from "../command-context.js";

export interface ReserveSendSlotInput {
  tid: string;
  /** The earliest the send may go, in ms from now (the conversation's own windows, the in-process pace). */
  notBeforeMs: number;
  perSecond: number;
}

/**
 * A slot is placed at least this far ahead of the database's clock, so the insert, the commit and the answer
 * are normally back before it is due: the send then leaves at its slot, as evenly as slots are placed, instead
 * of whenever the answer arrives. It delays only a send after a quiet moment, by a few ms.
 */
const LEAD_MS = 20;

/** True when sends to a tenant must be paced through the database: several instances may share it. */
export const sharesTenantPace = (ctx: CommandContext<"store">): boolean => ctx.store.dialect === "postgres";

/**
 * Reserves a tenant's next send among every instance's (api/store/tenant-send-slots.ts) and answers how many
 * ms from now it is due. PostgreSQL only: SQLite is a single instance (docs/spec.md §10), so there the
 * in-process limiter is the whole pace and this costs no round trip: it answers `notBeforeMs` unchanged.
 */
export async function reserveSendSlot(ctx: CommandContext<"store">, input: ReserveSendSlotInput): Promise<{ waitMs: number }> {
  if (!sharesTenantPace(ctx)) return { waitMs: Math.max(0, input.notBeforeMs) };
  const { waitMs } = await reserveTenantSendSlot(ctx.store.sequelize, { ...input, notBeforeMs: Math.max(input.notBeforeMs, LEAD_MS) });
  return { waitMs };
}
