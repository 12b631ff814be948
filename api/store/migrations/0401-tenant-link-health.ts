import { DataTypes, type QueryInterface } from "sequelize";
import type { Migration } from "./migration.js";

/**
 * When a link's consent health was last checked with an app-only token. Stored rather than kept in
 * memory so that several instances check each tenant once per interval between them (docs/spec.md §10).
 */
export const tenantLinkHealth: Migration = {
  name: "0401-tenant-link-health",
  async up(qi: QueryInterface) {
    await qi.addColumn("tenant_links", "health_checked_at", { type: DataTypes.DATE, allowNull: true });
  },
};
