import type { Transaction } from "sequelize";
import type { Models } from "../../store/models.js";
import type { Channel } from "../../store/types.js";

/** Stable audit actions (docs/spec.md §3.4, §6, §8 Activity). Clients may branch on them. */
export type AuditAction =
  | "tenant.link_saved"
  | "tenant.unlinked"
  | "tenant.consent_granted"
  | "tenant.consent_refused"
  | "tenant.needs_attention"
  | "tenant.consent_link_created"
  | "tenant.roster_data_changed"
  | "member.joined"
  | "member.removed"
  | "member.account_type_changed"
  | "member.account_type_recheck_requested"
  | "member.account_type_rechecked"
  | "member.admin_granted"
  | "member.admin_revoked"
  | "request.created"
  | "request.approved"
  | "request.rejected"
  | "request.expired"
  | "settings.changed"
  | "provisioning.enabled"
  | "provisioning.secret_rotated"
  | "provisioning.disabled";

export interface AuditEntry {
  organizationId: string | null;
  actor: { userId: string | null; name: string | null };
  action: AuditAction;
  channel: Channel;
  target?: { type: string; id: string };
  details?: Record<string, unknown>;
}

const auditRow = (entry: AuditEntry) => ({
  organizationId: entry.organizationId,
  actorUserId: entry.actor.userId,
  actorName: entry.actor.name,
  action: entry.action,
  channel: entry.channel,
  targetType: entry.target?.type ?? null,
  targetId: entry.target?.id ?? null,
  details: entry.details ?? null,
});

/** Audit rows are written in the same transaction as the change they describe. */
export async function recordAudit(models: Models, entry: AuditEntry, transaction?: Transaction): Promise<void> {
  await models.AuditEvent.create(auditRow(entry), { transaction });
}

/** Many audit rows in one statement (bulk decisions): same rows as `recordAudit`, one round trip. */
export async function recordAudits(models: Models, entries: AuditEntry[], transaction?: Transaction): Promise<void> {
  if (entries.length === 0) return;
  await models.AuditEvent.bulkCreate(entries.map(auditRow), { transaction, returning: false, hooks: false, validate: false });
}
