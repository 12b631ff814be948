import { DataTypes, type QueryInterface } from "sequelize";
import type { Migration } from "./migration.js";

/**
 * Members who stopped signing in, and re-checks of account types (docs/spec.md §4).
 *
 * `users.last_seen_on` is a UTC day as text ("2026-12-04"): a day, not a timestamp, so a returning
 * member's sign-in writes at most once a day, and text compares in day order on both databases
 * without either driver turning it into a Date. Sign-ins were not recorded before this migration,
 * so existing people start at the upgrade day: nobody looks inactive merely because of the upgrade.
 * Null means the person never signed in (someone provisioned from the directory, for instance).
 *
 * `memberships.account_type_recheck` is an admin's request to detect a member's type again at their
 * next sign-in; it sits on the row the sign-in read already returns, so the fast path stays one read.
 */
export const memberLifecycle: Migration = {
  name: "0550-member-lifecycle",
  async up(qi: QueryInterface) {
    await qi.addColumn("users", "last_seen_on", { type: DataTypes.STRING(10), allowNull: true });
    // People provisioned from the directory (0500) may never have signed in: they stay null.
    await qi.sequelize.query(
      "UPDATE users SET last_seen_on = :today WHERE id NOT IN (SELECT user_id FROM memberships WHERE joined_via = 'provisioning')",
      { replacements: { today: new Date().toISOString().slice(0, 10) } },
    );
    // "keep_admin_set" or "replace_admin_set"; null when nothing is asked.
    await qi.addColumn("memberships", "account_type_recheck", { type: DataTypes.STRING(20), allowNull: true });
  },
};
