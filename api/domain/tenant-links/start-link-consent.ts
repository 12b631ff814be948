import type { AskAdminView, LinkConsentResponse } from "../../../contract/microsoft365.js";
import { notFound } from "../../errors.js";
import type { AppContext } from "../../context.js";
import { recordAudit } from "../audit-log/record-audit.js";
import { startAdminConsent } from "../consent/start-admin-consent.js";
import { askAdminMessage } from "./ask-admin-message.js";
import { loadOrganization, requireIntegrationPlan } from "./organization-plan.js";

export interface StartLinkConsent {
  organizationId: string;
  actor: { userId: string; name: string };
  tid: string;
}

async function loadLink(deps: AppContext, input: StartLinkConsent) {
  const org = await loadOrganization(deps.store, input.organizationId);
  requireIntegrationPlan(org);
  const link = await deps.store.models.TenantLink.findOne({ where: { organizationId: org.id, tid: input.tid.toLowerCase() }, raw: true });
  if (!link) throw notFound("tenant_link_not_found", "This organization has no link to that tenant.");
  return { org, link: { ...link, rosterRequested: Boolean(link.rosterRequested) } };
}

/** "Grant permissions" from Settings (docs/spec.md §3.3): a pop-up state for this admin, single use, 10 minutes. */
export async function startPopupConsent(deps: AppContext, input: StartLinkConsent): Promise<LinkConsentResponse> {
  const { org, link } = await loadLink(deps, input);
  const consent = await deps.store.transaction((transaction) =>
    startAdminConsent(
      deps,
      { organizationId: org.id, tid: link.tid, initiatedByUserId: input.actor.userId, purpose: "settings", rosterRequested: link.rosterRequested },
      transaction,
    ),
  );
  return { consentUrl: consent.url, consentExpiresAt: consent.expiresAt.toISOString() };
}

/**
 * The link for IT (docs/spec.md §3.5): bound to (organization, tenant) only, 7 days or one successful consent,
 * safe to email. Each request makes a new link; making one is audited, since it hands out access to
 * the consent page on the organization's behalf.
 */
export async function createConsentLinkForIt(deps: AppContext, input: StartLinkConsent): Promise<AskAdminView> {
  const { org, link } = await loadLink(deps, input);
  const consent = await deps.store.transaction(async (transaction) => {
    const started = await startAdminConsent(
      deps,
      { organizationId: org.id, tid: link.tid, initiatedByUserId: input.actor.userId, purpose: "ask_admin", rosterRequested: link.rosterRequested },
      transaction,
    );
    await recordAudit(
      deps.store.models,
      {
        organizationId: org.id,
        actor: input.actor,
        action: "tenant.consent_link_created",
        channel: "tab",
        target: { type: "tenant", id: link.tid },
        details: { tid: link.tid, expiresAt: started.expiresAt.toISOString(), rosterData: link.rosterRequested },
      },
      transaction,
    );
    return started;
  });
  return askAdminMessage({
    organizationName: org.name,
    organizationKind: org.kind,
    tenantLabel: link.domain ?? link.tid,
    rosterRequested: link.rosterRequested,
    consentUrl: consent.url,
    expiresAt: consent.expiresAt,
    senderName: input.actor.name,
  });
}
