import { Op } from "sequelize";
import { notFound } from "../../errors.js";
import type { AppContext } from "../../context.js";
import { recordAudit } from "../audit-log/record-audit.js";

export interface UnlinkTenant {
  organizationId: string;
  actor: { userId: string; name: string };
  tid: string;
}

/**
 * docs/spec.md §3.7: unlinking stops auto-join (sign-in finds no link for the tenant) and keeps every member.
 * Outstanding consent links for the tenant die with it, so an old link cannot bring it back.
 */
export async function unlinkTenant(deps: AppContext, input: UnlinkTenant): Promise<{ tid: string; status: "not_linked"; membersKept: number }> {
  const { TenantLink, ConsentState, Membership } = deps.store.models;
  const tid = input.tid.toLowerCase();
  return deps.store.transaction(async (transaction) => {
    const link = await TenantLink.findOne({ where: { organizationId: input.organizationId, tid }, transaction });
    if (!link) throw notFound("tenant_link_not_found", "This organization has no link to that tenant.");
    await link.destroy({ transaction });
    await ConsentState.destroy({ where: { organizationId: input.organizationId, tid, usedAt: { [Op.is]: null } }, transaction });
    const membersKept = await Membership.count({ where: { organizationId: input.organizationId }, transaction });
    await recordAudit(
      deps.store.models,
      {
        organizationId: input.organizationId,
        actor: { userId: input.actor.userId, name: input.actor.name },
        action: "tenant.unlinked",
        channel: "tab",
        target: { type: "tenant", id: tid },
        details: { domain: link.domain, previousStatus: link.status, membersKept },
      },
      transaction,
    );
    return { tid, status: "not_linked" as const, membersKept };
  });
}
