import { loadAttentionNotice, type AttentionNotice } from "../../api/domain/tenant-links/attention-notice.js";
import { paced } from "./paced.js";
import type { WorkerContext } from "./worker-context.js";

/** The admin's message: what happened, what to do, and Microsoft's code last, for whoever fixes it. */
export function attentionText(notice: AttentionNotice): string {
  return [
    `⚠️ **${notice.organizationName}**: the Microsoft 365 connection of ${notice.tenantLabel} needs attention.`,
    notice.nextStep,
    "Open RosterLink → Settings to grant consent again, or to make a link for your IT.",
    `Details: Microsoft answered ${notice.code}.`,
  ].join("\n\n");
}

/**
 * `tenant.needs_attention`: every org admin with the bot installed is told. A retry after a partial
 * failure may repeat the message to an admin already told; telling twice beats not telling.
 */
export async function tellAdminsOfAttention(ctx: WorkerContext, payload: { organizationId: string; tid: string; code: string }): Promise<number> {
  const notice = await loadAttentionNotice(ctx.store, payload);
  if (!notice) return 0;
  const text = attentionText(notice);
  for (const admin of notice.admins) {
    await paced(ctx, admin, () => ctx.transport.send(admin.reference as never, { type: "message", text, textFormat: "markdown" }));
  }
  ctx.log.info({ organizationId: payload.organizationId, tid: payload.tid, admins: notice.admins.length }, "admins told a tenant link needs attention");
  return notice.admins.length;
}
