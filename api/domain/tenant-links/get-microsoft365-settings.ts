import { Op } from "sequelize";
import type { Microsoft365Settings } from "../../../contract/microsoft365.js";
import type { AppContext } from "../../context.js";
import { startAdminConsent } from "../consent/start-admin-consent.js";
import { askAdminMessage } from "./ask-admin-message.js";
import { integrationAvailable, loadOrganization, unavailableReason } from "./organization-plan.js";
import { linkStatusOf, needsConsent, nextStepFor, overallStatus } from "./link-status.js";
import { permissionsFor } from "./permissions.js";
import { presentTenantLink } from "./present-tenant-link.js";

export interface GetMicrosoft365Settings {
  organizationId: string;
  actor: { userId: string; name: string };
}

const STALE_STATE_MS = 24 * 60 * 60 * 1000;

/**
 * The Settings page (SPEC §3): plan availability, every link with its status and next step, and for a
 * link that still needs consent a fresh "ask your Global Administrator" message. Each read makes a new
 * single-use state, so an admin can always hand out a working link; day-old states are swept here.
 */
export async function getMicrosoft365Settings(deps: AppContext, input: GetMicrosoft365Settings): Promise<Microsoft365Settings> {
  const { store } = deps;
  const org = await loadOrganization(store, input.organizationId);
  const available = integrationAvailable(org);
  const rows = await store.models.TenantLink.findAll({ where: { organizationId: org.id }, order: [["createdAt", "ASC"], ["tid", "ASC"]], raw: true });
  // Raw rows carry SQLite's booleans as 0/1.
  const links = rows.map((row) => ({ ...row, rosterRequested: Boolean(row.rosterRequested), rosterAccess: Boolean(row.rosterAccess) }));

  const tenants = await store.transaction(async (transaction) => {
    await store.models.ConsentState.destroy({
      where: { organizationId: org.id, expiresAt: { [Op.lt]: new Date(deps.now().getTime() - STALE_STATE_MS) } },
      transaction,
    });
    const views = [];
    for (const link of links) {
      let askAdmin = null;
      if (available && needsConsent(link)) {
        const consent = await startAdminConsent(
          deps,
          { organizationId: org.id, tid: link.tid, initiatedByUserId: input.actor.userId, purpose: "ask_admin", rosterRequested: link.rosterRequested },
          transaction,
        );
        askAdmin = askAdminMessage({
          organizationName: org.name,
          tenantLabel: link.domain ?? link.tid,
          rosterRequested: link.rosterRequested,
          consentUrl: consent.url,
          expiresAt: consent.expiresAt,
          senderName: input.actor.name,
        });
      }
      views.push(presentTenantLink(link, askAdmin));
    }
    return views;
  });

  const status = overallStatus(links.map(linkStatusOf));
  return {
    organizationId: org.id,
    plan: org.plan,
    available,
    unavailableReason: unavailableReason(org),
    multipleTenants: org.plan === "district",
    status,
    nextStep: available ? nextStepFor(status, links.length === 1 ? links[0] : undefined) : unavailableReason(org)!,
    tenants,
    permissions: permissionsFor(true, [], false),
  };
}
