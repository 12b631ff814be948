import { Op } from "sequelize";
import type { ConsentLostCode } from "../../auth/app-only-probe.js";
import type { ConsentMissingCode } from "../../auth/on-behalf-of.js";
import type { Logger } from "../../log.js";
import type { Store } from "../../store/store.js";
import { recordAudit } from "../audit-log/record-audit.js";
import { enqueueNotification } from "../outbox/enqueue-notification.js";

export interface MarkNeedsAttention {
  tid: string;
  /** The AADSTS code a sign-in of that tenant saw (docs/spec.md §3.8). */
  code: ConsentMissingCode | ConsentLostCode;
}

/**
 * An active link whose tenant refuses on-behalf-of (consent revoked, app removed) needs its admins'
 * attention. A whole school signing in at once sees the same refusal many times: the conditional
 * update lets exactly one of them change the link and write the audit row. Returns whether this call did.
 */
export async function markTenantLinkNeedsAttention(deps: { store: Store; log: Logger }, input: MarkNeedsAttention): Promise<boolean> {
  const { TenantLink } = deps.store.models;
  const changed = await deps.store.transaction(async (transaction) => {
    const link = await TenantLink.findOne({ where: { tid: input.tid }, attributes: ["id", "organizationId", "status"], raw: true, transaction });
    if (!link) return false;
    const [count] = await TenantLink.update(
      { status: "needs_attention", attentionCode: input.code },
      { where: { id: link.id, status: { [Op.ne]: "needs_attention" } }, transaction },
    );
    if (count === 0) return false;
    // Every org admin hears it from the bot, with what to do (docs/spec.md §3.8); the worker fans it out.
    await enqueueNotification(
      deps.store.models,
      transaction,
      { kind: "tenant.needs_attention", payload: { organizationId: link.organizationId, tid: input.tid, code: input.code } },
      { tid: input.tid },
    );
    await recordAudit(
      deps.store.models,
      {
        organizationId: link.organizationId,
        actor: { userId: null, name: null },
        action: "tenant.needs_attention",
        channel: "system",
        target: { type: "tenant", id: input.tid },
        details: { tid: input.tid, code: input.code, previousStatus: link.status },
      },
      transaction,
    );
    return true;
  });
  if (changed) deps.log.warn({ tid: input.tid, code: input.code }, "tenant link needs attention");
  return changed;
}
