import { DataTypes, type QueryInterface } from "sequelize";
import type { Migration } from "./migration.js";

/**
 * Fixed-window counters for limits that every app instance must share (docs/spec.md §9: first sign-ins per
 * tenant). One row per key, overwritten when its window changes, so the table stays as small as the
 * number of tenants that signed someone in for the first time.
 */
export const rateLimitWindows: Migration = {
  name: "0600-rate-limit-windows",
  async up(qi: QueryInterface) {
    await qi.createTable("rate_limit_windows", {
      key: { type: DataTypes.STRING(100), primaryKey: true, allowNull: false },
      // The window's number: floor(epoch ms / window length).
      window_start: { type: DataTypes.BIGINT, allowNull: false },
      hits: { type: DataTypes.INTEGER, allowNull: false },
    });
  },
};
