import { DataTypes, type QueryInterface } from "sequelize";
import type { Migration } from "./migration.js";

/**
 * People whose account was created by a Microsoft sign-in while their tenant's link awaited consent
 * (or needed attention). They join the organization at their next sign-in after consent, with
 * detection run then. One row per user; the join marks it with one conditional update, so the join happens once.
 */
export const tenantJoinWaits: Migration = {
  name: "0400-tenant-join-waits",
  async up(qi: QueryInterface) {
    await qi.createTable("tenant_join_waits", {
      id: { type: DataTypes.UUID, primaryKey: true, allowNull: false },
      user_id: { type: DataTypes.UUID, allowNull: false, references: { model: "users", key: "id" }, onDelete: "CASCADE" },
      organization_id: { type: DataTypes.UUID, allowNull: false, references: { model: "organizations", key: "id" }, onDelete: "CASCADE" },
      tid: { type: DataTypes.STRING(36), allowNull: false },
      // Set by the join; the row stays, so a sign-in racing the join can tell "joined just now" from "never waited".
      joined_at: { type: DataTypes.DATE, allowNull: true },
      // One sign-in at a time runs detection for the join; a crashed one's claim runs out.
      claimed_until: { type: DataTypes.DATE, allowNull: true },
      created_at: { type: DataTypes.DATE, allowNull: false },
    });
    await qi.addIndex("tenant_join_waits", ["user_id"], { unique: true, name: "tenant_join_waits_user" });
  },
};
