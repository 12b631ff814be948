import { DataTypes, type QueryInterface } from "sequelize";
import type { Migration } from "./migration.js";

const id = { type: DataTypes.UUID, primaryKey: true, allowNull: false };
const timestamps = {
  created_at: { type: DataTypes.DATE, allowNull: false },
  updated_at: { type: DataTypes.DATE, allowNull: false },
};
const fk = (table: string, onDelete: "CASCADE" | "SET NULL" = "CASCADE", allowNull = false) => ({
  type: DataTypes.UUID,
  allowNull,
  references: { model: table, key: "id" },
  onDelete,
});

/** The first schema: every table of docs/spec.md §10 with the unique constraints that carry its invariants. */
export const foundation: Migration = {
  name: "0001-foundation",
  async up(qi: QueryInterface) {
    await qi.createTable("organizations", {
      id,
      name: { type: DataTypes.STRING(200), allowNull: false },
      kind: { type: DataTypes.STRING(20), allowNull: false },
      plan: { type: DataTypes.STRING(20), allowNull: false },
      // docs/spec.md §5: self-chosen teachers may wait for an admin's confirmation.
      confirm_self_chosen_teachers: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      ...timestamps,
    });

    await qi.createTable("account_type_rules", {
      id,
      organization_id: fk("organizations"),
      group_id: { type: DataTypes.STRING(64), allowNull: false },
      account_type: { type: DataTypes.STRING(20), allowNull: false },
      priority: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      ...timestamps,
    });
    await qi.addIndex("account_type_rules", ["organization_id", "group_id"], { unique: true, name: "account_type_rules_org_group" });

    await qi.createTable("tenant_links", {
      id,
      organization_id: fk("organizations"),
      tid: { type: DataTypes.STRING(36), allowNull: false },
      domain: { type: DataTypes.STRING(255), allowNull: true },
      status: { type: DataTypes.STRING(20), allowNull: false },
      roster_requested: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
      roster_access: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      granted_scopes: { type: DataTypes.TEXT, allowNull: false, defaultValue: "" },
      attention_code: { type: DataTypes.STRING(40), allowNull: true },
      consented_at: { type: DataTypes.DATE, allowNull: true },
      ...timestamps,
    });
    // docs/spec.md §3.7: one tenant links to at most one organization.
    await qi.addIndex("tenant_links", ["tid"], { unique: true, name: "tenant_links_tid" });
    await qi.addIndex("tenant_links", ["organization_id"], { name: "tenant_links_org" });

    await qi.createTable("users", {
      id,
      tid: { type: DataTypes.STRING(36), allowNull: false },
      oid: { type: DataTypes.STRING(36), allowNull: false },
      display_name: { type: DataTypes.STRING(256), allowNull: false, defaultValue: "" },
      email: { type: DataTypes.STRING(320), allowNull: true },
      account_type: { type: DataTypes.STRING(20), allowNull: true },
      account_type_source: { type: DataTypes.STRING(20), allowNull: true },
      teacher_confirmation_pending: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      join_offer_hidden_until: { type: DataTypes.DATE, allowNull: true },
      ...timestamps,
    });
    // docs/spec.md §4/§10: a person is (tid, oid), never an email or UPN.
    await qi.addIndex("users", ["tid", "oid"], { unique: true, name: "users_tid_oid" });

    await qi.createTable("memberships", {
      id,
      organization_id: fk("organizations"),
      user_id: fk("users"),
      is_admin: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      joined_via: { type: DataTypes.STRING(30), allowNull: false },
      ...timestamps,
    });
    // A person belongs to at most one organization.
    await qi.addIndex("memberships", ["user_id"], { unique: true, name: "memberships_user" });
    await qi.addIndex("memberships", ["organization_id", "is_admin"], { name: "memberships_org_admin" });

    await qi.createTable("teacher_subscriptions", {
      id,
      teacher_user_id: fk("users"),
      status: { type: DataTypes.STRING(20), allowNull: false, defaultValue: "active" },
      ...timestamps,
    });
    await qi.addIndex("teacher_subscriptions", ["teacher_user_id"], { unique: true, name: "teacher_subscriptions_teacher" });

    await qi.createTable("subscription_students", {
      id,
      subscription_id: fk("teacher_subscriptions"),
      student_user_id: fk("users"),
      ...timestamps,
    });
    // A student of a teacher subscription belongs to one teacher.
    await qi.addIndex("subscription_students", ["student_user_id"], { unique: true, name: "subscription_students_student" });
    await qi.addIndex("subscription_students", ["subscription_id"], { name: "subscription_students_subscription" });

    await qi.createTable("join_requests", {
      id,
      organization_id: fk("organizations"),
      user_id: fk("users"),
      status: { type: DataTypes.STRING(20), allowNull: false },
      detected_account_type: { type: DataTypes.STRING(20), allowNull: true },
      expires_at: { type: DataTypes.DATE, allowNull: false },
      decided_by_user_id: fk("users", "SET NULL", true),
      decided_by_name: { type: DataTypes.STRING(256), allowNull: true },
      decision_channel: { type: DataTypes.STRING(10), allowNull: true },
      decided_at: { type: DataTypes.DATE, allowNull: true },
      ...timestamps,
    });
    // docs/spec.md §6: one pending request per (organization, user) — a partial unique index, same SQL on both databases.
    await qi.sequelize.query(
      "CREATE UNIQUE INDEX join_requests_one_pending ON join_requests (organization_id, user_id) WHERE status = 'pending'",
    );
    await qi.addIndex("join_requests", ["organization_id", "status", "created_at"], { name: "join_requests_org_status" });

    await qi.createTable("consent_states", {
      id,
      // Only a hash of the state is kept: the state itself is a bearer secret in a URL.
      state_hash: { type: DataTypes.STRING(64), allowNull: false },
      organization_id: fk("organizations"),
      tid: { type: DataTypes.STRING(36), allowNull: false },
      initiated_by_user_id: fk("users", "SET NULL", true),
      purpose: { type: DataTypes.STRING(30), allowNull: false },
      scopes: { type: DataTypes.TEXT, allowNull: false },
      expires_at: { type: DataTypes.DATE, allowNull: false },
      used_at: { type: DataTypes.DATE, allowNull: true },
      created_at: { type: DataTypes.DATE, allowNull: false },
    });
    await qi.addIndex("consent_states", ["state_hash"], { unique: true, name: "consent_states_hash" });

    await qi.createTable("conversation_refs", {
      id,
      tid: { type: DataTypes.STRING(36), allowNull: false },
      oid: { type: DataTypes.STRING(36), allowNull: false },
      conversation_id: { type: DataTypes.STRING(512), allowNull: false },
      service_url: { type: DataTypes.STRING(512), allowNull: false },
      reference: { type: DataTypes.JSON, allowNull: false },
      ...timestamps,
    });
    await qi.addIndex("conversation_refs", ["tid", "oid"], { unique: true, name: "conversation_refs_tid_oid" });

    await qi.createTable("outbox", {
      id,
      kind: { type: DataTypes.STRING(40), allowNull: false },
      payload: { type: DataTypes.JSON, allowNull: false },
      tid: { type: DataTypes.STRING(36), allowNull: true },
      conversation_id: { type: DataTypes.STRING(512), allowNull: true },
      dedupe_key: { type: DataTypes.STRING(200), allowNull: true },
      status: { type: DataTypes.STRING(10), allowNull: false },
      attempts: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      available_at: { type: DataTypes.DATE, allowNull: false },
      claimed_by: { type: DataTypes.STRING(64), allowNull: true },
      claimed_until: { type: DataTypes.DATE, allowNull: true },
      sent_at: { type: DataTypes.DATE, allowNull: true },
      last_error: { type: DataTypes.STRING(500), allowNull: true },
      ...timestamps,
    });
    await qi.addIndex("outbox", ["status", "available_at"], { name: "outbox_due" });
    await qi.addIndex("outbox", ["dedupe_key"], { unique: true, name: "outbox_dedupe" });

    await qi.createTable("audit_events", {
      id,
      organization_id: fk("organizations", "CASCADE", true),
      actor_user_id: fk("users", "SET NULL", true),
      actor_name: { type: DataTypes.STRING(256), allowNull: true },
      action: { type: DataTypes.STRING(60), allowNull: false },
      channel: { type: DataTypes.STRING(10), allowNull: false },
      target_type: { type: DataTypes.STRING(30), allowNull: true },
      target_id: { type: DataTypes.STRING(64), allowNull: true },
      details: { type: DataTypes.JSON, allowNull: true },
      created_at: { type: DataTypes.DATE, allowNull: false },
    });
    await qi.addIndex("audit_events", ["organization_id", "created_at"], { name: "audit_events_org_time" });
  },
};
