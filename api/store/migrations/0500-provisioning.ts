import { DataTypes, type QueryInterface } from "sequelize";
import type { Migration } from "./migration.js";

const fk = (table: string) => ({ type: DataTypes.UUID, allowNull: false, references: { model: table, key: "id" }, onDelete: "CASCADE" });

/**
 * Entra provisioning over SCIM (docs/provisioning.md). One credential per linked tenant: each tenant runs
 * its own provisioning job, so the bearer secret says which tenant's users a request may touch. Only a
 * hash of the secret is kept. Leavers remember who the directory took out, so their next sign-in does not
 * put them back unless the organization allows it.
 */
export const provisioning: Migration = {
  name: "0500-provisioning",
  async up(qi: QueryInterface) {
    await qi.createTable("provisioning_credentials", {
      id: { type: DataTypes.UUID, primaryKey: true, allowNull: false },
      organization_id: fk("organizations"),
      tenant_link_id: fk("tenant_links"),
      tid: { type: DataTypes.STRING(36), allowNull: false },
      // SHA-256 of the whole secret, hex: the secret is 256 random bits, so a fast hash is enough.
      secret_hash: { type: DataTypes.STRING(64), allowNull: false },
      // The last characters, so an admin can tell which secret Entra holds without the secret itself.
      secret_hint: { type: DataTypes.STRING(8), allowNull: false },
      created_by_user_id: { type: DataTypes.UUID, allowNull: true },
      last_used_at: { type: DataTypes.DATE, allowNull: true },
      created_at: { type: DataTypes.DATE, allowNull: false },
      updated_at: { type: DataTypes.DATE, allowNull: false },
    });
    await qi.addIndex("provisioning_credentials", ["tenant_link_id"], { unique: true, name: "provisioning_credentials_link" });
    await qi.addIndex("provisioning_credentials", ["tid"], { unique: true, name: "provisioning_credentials_tid" });
    await qi.addIndex("provisioning_credentials", ["organization_id"], { name: "provisioning_credentials_org" });

    await qi.createTable("provisioning_leavers", {
      id: { type: DataTypes.UUID, primaryKey: true, allowNull: false },
      organization_id: fk("organizations"),
      user_id: fk("users"),
      // When the directory took their membership away (active false or DELETE); null if they were not a member.
      left_at: { type: DataTypes.DATE, allowNull: true },
      // When Entra deleted the SCIM resource: from then on SCIM answers 404 for it (RFC 7644 §3.6), the account stays.
      deleted_at: { type: DataTypes.DATE, allowNull: true },
      created_at: { type: DataTypes.DATE, allowNull: false },
      updated_at: { type: DataTypes.DATE, allowNull: false },
    });
    await qi.addIndex("provisioning_leavers", ["organization_id", "user_id"], { unique: true, name: "provisioning_leavers_org_user" });
    await qi.addIndex("provisioning_leavers", ["user_id"], { name: "provisioning_leavers_user" });

    // The audit channel "provisioning" is longer than the first schema's ten characters. SQLite does not
    // enforce VARCHAR lengths, and changing a column there rebuilds the table, so only PostgreSQL changes.
    if (qi.sequelize.getDialect() === "postgres") {
      await qi.sequelize.query("ALTER TABLE audit_events ALTER COLUMN channel TYPE VARCHAR(20)");
    }

    // Off by default: a leaver's sign-in offers to ask again, it does not rejoin them on its own.
    await qi.addColumn("organizations", "leavers_rejoin_automatically", { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false });
  },
};
