import { DataTypes, type QueryInterface } from "sequelize";
import type { Migration } from "./migration.js";

/**
 * The send slots each tenant's bot messages have reserved (bot/outbox/rate-limiter.ts, tenant-send-slots.ts):
 * every app instance on one PostgreSQL places its sends to a tenant among the same rows, so together they stay
 * at ≤ 47 in any second (Teams allows 50 per app per tenant). A slot is a time on the database's clock, epoch
 * milliseconds as a double (sub-millisecond: slots are 1/60 s apart). Rows older than a second are deleted by the
 * next reservation for the tenant, so a tenant holds about one second of slots (plus any reserved ahead).
 * SQLite is one instance, paced in memory: the table exists there too, for one schema, and stays empty.
 */
export const tenantSendSlots: Migration = {
  name: "0650-tenant-send-slots",
  async up(qi: QueryInterface) {
    await qi.createTable("tenant_send_slots", {
      tid: { type: DataTypes.STRING(64), primaryKey: true, allowNull: false },
      at_ms: { type: DataTypes.DOUBLE, primaryKey: true, allowNull: false },
    });
  },
};
