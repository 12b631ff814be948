import { z } from "zod/v4";
import { CHANNELS } from "./vocabulary.js";
import { cursor, pageOf } from "./common.js";

export const auditQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: cursor.optional(),
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
  details: z.record(z.string(), z.unknown()).nullable(),
});
export type AuditEventView = z.infer<typeof auditEventView>;

export const auditPage = pageOf(auditEventView);
export type AuditPage = z.infer<typeof auditPage>;
