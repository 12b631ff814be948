import { Op } from "sequelize";
import type { Microsoft365Settings } from "../../../contract/microsoft365.js";
import type { AppOnlyProbe } from "../../auth/app-only-probe.js";
import type { AppContext } from "../../context.js";
import { checkConsentHealth } from "./check-consent-health.js";
import { integrationAvailable, loadOrganization, unavailableReason } from "./organization-plan.js";
import { linkStatusOf, nextStepFor, overallStatus } from "./link-status.js";
import { permissionsFor } from "./permissions.js";
import { presentTenantLink } from "./present-tenant-link.js";

export interface GetMicrosoft365Settings {
  organizationId: string;
  actor: { userId: string; name: string };
  /** Checks consent health first (docs/spec.md §3.8), so an admin opening Settings sees a revoked consent. */
  probe?: AppOnlyProbe;
}

/**
 * The Settings page (docs/spec.md §3): plan availability, every link with its status and next step, its
 * permissions and how many people wait to join once consent is granted. Reading changes nothing:
 * consent links are made on request (start-link-consent.ts).
 */
export async function getMicrosoft365Settings(deps: AppContext, input: GetMicrosoft365Settings): Promise<Microsoft365Settings> {
  const { store } = deps;
  const org = await loadOrganization(store, input.organizationId);
  const available = integrationAvailable(org);
  if (available && input.probe) {
    await checkConsentHealth({ ...deps, probe: input.probe }, { organizationId: org.id, maxAgeMs: deps.tuning.consentHealth.settingsMaxAgeMs });
  }
  const rows = await store.models.TenantLink.findAll({ where: { organizationId: org.id }, order: [["createdAt", "ASC"], ["tid", "ASC"]], raw: true });
  // Raw rows carry SQLite's booleans as 0/1.
  const links = rows.map((row) => ({ ...row, rosterRequested: Boolean(row.rosterRequested), rosterAccess: Boolean(row.rosterAccess) }));
  const waits = links.length
    ? await store.models.TenantJoinWait.findAll({ where: { organizationId: org.id, joinedAt: { [Op.is]: null } }, attributes: ["tid"], raw: true })
    : [];
  const waitingIn = (tid: string) => waits.filter((w) => w.tid === tid).length;

  const status = overallStatus(links.map(linkStatusOf));
  return {
    organizationId: org.id,
    plan: org.plan,
    available,
    unavailableReason: unavailableReason(org),
    multipleTenants: org.plan === "district",
    status,
    nextStep: available ? nextStepFor(status, links.length === 1 ? links[0] : undefined, org.kind) : unavailableReason(org)!,
    tenants: links.map((link) => presentTenantLink(link, waitingIn(link.tid), org.kind)),
    permissions: permissionsFor(true, [], false, org.kind),
  };
}
