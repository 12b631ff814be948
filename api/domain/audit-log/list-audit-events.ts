import { Op } from "sequelize";
import type { AuditEventType, AuditPage } from "../../../contract/audit.js";
import { badRequest } from "../../errors.js";
import { decodeCursor, encodeCursor } from "../members/keyset-cursor.js";
import { isGuid } from "../../../contract/guid.js";
import { auditChanges, auditSubjectNames } from "./audit-subjects.js";
import type { CommandContext } from "../command-context.js";

/** Each type of event is a family of actions. */
const ACTION_PREFIX: Record<AuditEventType, string> = { requests: "request.", members: "member.", microsoft365: "tenant.", settings: "settings." };

export interface ListAuditEvents {
  organizationId: string;
  limit: number;
  cursor?: string;
  type?: AuditEventType;
}

/** The Activity page (docs/spec.md §8): newest first, keyset-paged on (time, id) so new events never shift a page. */
export async function listAuditEvents({ store }: CommandContext, input: ListAuditEvents): Promise<AuditPage> {
  const after = decodeCursor(input.cursor, ["time", "id"] as const);
  if (input.cursor && (!after || !isGuid(after.id) || Number.isNaN(Date.parse(after.time)))) throw badRequest("invalid_cursor", "The cursor is not one this list gave out.");
  const before = after && new Date(after.time);
  const events = await store.models.AuditEvent.findAll({
    where: {
      organizationId: input.organizationId,
      ...(input.type ? { action: { [Op.startsWith]: ACTION_PREFIX[input.type] } } : {}),
      ...(before && after
        ? { [Op.or]: [{ createdAt: { [Op.lt]: before } }, { createdAt: before, id: { [Op.lt]: after.id } }] }
        : {}),
    },
    order: [["createdAt", "DESC"], ["id", "DESC"]],
    limit: input.limit + 1,
    raw: true,
  });
  const page = events.slice(0, input.limit).map((e) => ({ ...e, parsed: (typeof e.details === "string" ? JSON.parse(e.details) : e.details) as Record<string, unknown> | null }));
  const last = page.at(-1);
  const subjects = await auditSubjectNames(store, page);
  return {
    items: page.map((e) => ({
      id: e.id,
      time: new Date(e.createdAt).toISOString(),
      actorName: e.actorName,
      action: e.action,
      channel: e.channel,
      target: e.targetType && e.targetId ? { type: e.targetType, id: e.targetId } : null,
      subjectName: subjects.get(e.id) ?? null,
      changes: auditChanges(e.action, e.parsed),
      details: e.parsed,
    })),
    nextCursor: events.length > input.limit && last ? encodeCursor({ time: new Date(last.createdAt).toISOString(), id: last.id }) : null,
  };
}
