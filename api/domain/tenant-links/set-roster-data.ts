import type { SaveTenantLinkResponse } from "../../../contract/microsoft365.js";
import { notFound } from "../../errors.js";
import type { AppContext } from "../../context.js";
import { recordAudit } from "../audit-log/record-audit.js";
import { startAdminConsent } from "../consent/start-admin-consent.js";
import { loadOrganization, requireIntegrationPlan } from "./organization-plan.js";
import { grantsRoster } from "./permissions.js";
import { grantedScopesOf, presentTenantLink } from "./present-tenant-link.js";

export interface SetRosterData {
  organizationId: string;
  actor: { userId: string; name: string };
  tid: string;
  rosterData: boolean;
}

/**
 * The roster-data switch of a linked tenant (docs/spec.md §3.2). Off takes effect at once: RosterLink stops
 * reading the roster before anyone consents to anything. On uses the roster at once if the tenant
 * granted it before; otherwise it answers a pop-up consent URL for the extra permission, and access
 * starts when a tenant admin grants it. Either change is audited.
 */
export async function setRosterData(deps: AppContext, input: SetRosterData): Promise<SaveTenantLinkResponse> {
  requireIntegrationPlan(await loadOrganization(deps.store, input.organizationId));
  return deps.store.transaction(async (transaction) => {
    const link = await deps.store.models.TenantLink.findOne({ where: { organizationId: input.organizationId, tid: input.tid.toLowerCase() }, transaction });
    if (!link) throw notFound("tenant_link_not_found", "This organization has no link to that tenant.");
    const before = { rosterData: Boolean(link.rosterRequested), rosterAccess: Boolean(link.rosterAccess) };
    const rosterAccess = input.rosterData && link.status === "active" && grantsRoster(grantedScopesOf(link));
    await link.update({ rosterRequested: input.rosterData, rosterAccess }, { transaction });
    if (before.rosterData !== input.rosterData || before.rosterAccess !== rosterAccess) {
      await recordAudit(
        deps.store.models,
        {
          organizationId: input.organizationId,
          actor: input.actor,
          action: "tenant.roster_data_changed",
          channel: "tab",
          target: { type: "tenant", id: link.tid },
          details: { tid: link.tid, from: before, to: { rosterData: input.rosterData, rosterAccess } },
        },
        transaction,
      );
    }
    const consent =
      input.rosterData && !rosterAccess
        ? await startAdminConsent(
            deps,
            { organizationId: input.organizationId, tid: link.tid, initiatedByUserId: input.actor.userId, purpose: "settings", rosterRequested: true },
            transaction,
          )
        : null;
    return {
      tenant: presentTenantLink(link.get({ plain: true })),
      consentUrl: consent?.url ?? null,
      consentExpiresAt: consent?.expiresAt.toISOString() ?? null,
    };
  });
}
