import { z } from "zod/v4";
import { CHANNELS } from "./vocabulary.js";
import { cursor, organizationIdParams, pageOf } from "./common.js";
import { endpoint } from "./endpoint.js";

/** Types of event the Activity page filters by; each is a family of actions (`request.*`, `member.*`…). */
export const AUDIT_EVENT_TYPES = ["requests", "members", "microsoft365", "settings"] as const;
export const auditEventType = z.enum(AUDIT_EVENT_TYPES);
export type AuditEventType = z.infer<typeof auditEventType>;

export const auditQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: cursor.optional(),
  type: auditEventType.optional(),
});
export type AuditQuery = z.infer<typeof auditQuery>;

/** One line of the Activity page: who did what, through which channel, to what, when. */
export const auditEventView = z.object({
  id: z.string(),
  time: z.string(),
  actorName: z.string().nullable(),
  action: z.string(),
  channel: z.enum(CHANNELS),
  target: z.object({ type: z.string(), id: z.string() }).nullable(),
  /** Whom or what the event is about, by name ("Ana Ruiz", "contoso.example"); null when it is the organization. */
  subjectName: z.string().nullable(),
  /** Before and after, for events that change something (an account type, a role, a setting). */
  changes: z.array(z.object({ field: z.string(), from: z.unknown(), to: z.unknown() })),
  details: z.record(z.string(), z.unknown()).nullable(),
});
export type AuditEventView = z.infer<typeof auditEventView>;

export const auditPage = pageOf(auditEventView);
export type AuditPage = z.infer<typeof auditPage>;

export const auditEndpoints = {
  list: endpoint({ method: "get", path: "/api/orgs/:orgId/audit", params: organizationIdParams, query: auditQuery, response: auditPage }),
};
