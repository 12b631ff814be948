import { Op } from "sequelize";
import type { AuditEventRow } from "../../store/models.js";
import type { Store } from "../../store/store.js";

type Details = Record<string, unknown> | null;
const text = (value: unknown) => (typeof value === "string" && value ? value : null);

/**
 * Names the subject of each event ("Approved Ana Ruiz's request"). Rows written since names were
 * recorded carry them in their details, as they were at the time; older rows are named from the
 * people and requests they point at, read in two queries for the whole page.
 */
export async function auditSubjectNames(store: Store, rows: Array<AuditEventRow & { parsed: Details }>): Promise<Map<string, string | null>> {
  const names = new Map<string, string | null>();
  const userIds = new Set<string>();
  const requestIds = new Set<string>();
  for (const row of rows) {
    const recorded = text(row.parsed?.userName) ?? text(row.parsed?.displayName);
    if (recorded) names.set(row.id, recorded);
    else if (row.targetType === "user" && row.targetId) userIds.add(row.targetId);
    else if (row.targetType === "join_request" && row.targetId) requestIds.add(row.targetId);
    else if (row.targetType === "tenant") names.set(row.id, text(row.parsed?.domain) ?? row.targetId);
  }
  const requests = requestIds.size
    ? await store.models.JoinRequest.findAll({ where: { id: { [Op.in]: [...requestIds] } }, attributes: ["id", "userId"], raw: true })
    : [];
  const requester = new Map(requests.map((r) => [r.id, r.userId]));
  for (const userId of requester.values()) userIds.add(userId);
  const users = userIds.size ? await store.models.User.findAll({ where: { id: { [Op.in]: [...userIds] } }, attributes: ["id", "displayName"], raw: true }) : [];
  const userName = new Map(users.map((u) => [u.id, u.displayName]));
  for (const row of rows) {
    if (names.has(row.id) || !row.targetId) continue;
    const userId = row.targetType === "join_request" ? requester.get(row.targetId) : row.targetType === "user" ? row.targetId : undefined;
    names.set(row.id, (userId && userName.get(userId)) || null);
  }
  return names;
}

export interface AuditChange { field: string; from: unknown; to: unknown }

/** Before and after, read from what each kind of event records. */
export function auditChanges(action: string, details: Details): AuditChange[] {
  if (action === "member.admin_granted") return [{ field: "role", from: "member", to: "admin" }];
  if (action === "member.admin_revoked") return [{ field: "role", from: "admin", to: "member" }];
  if (!details) return [];
  const changes: AuditChange[] = [];
  if ("from" in details || "to" in details) changes.push({ field: text(details.field) ?? "accountType", from: details.from ?? null, to: details.to ?? null });
  for (const [field, value] of Object.entries(details)) {
    if (!value || typeof value !== "object" || Array.isArray(value)) continue;
    const pair = value as Record<string, unknown>;
    if ("from" in pair && "to" in pair) changes.push({ field, from: pair.from, to: pair.to });
    else if (field === "groupRules" && typeof pair.total === "number") {
      const added = Number(pair.added ?? 0);
      const removed = Number(pair.removed ?? 0);
      changes.push({ field, from: pair.total - added + removed, to: pair.total });
    }
  }
  return changes;
}
