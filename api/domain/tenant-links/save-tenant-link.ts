import type { Transaction } from "sequelize";
import type { SaveTenantLinkResponse } from "../../../contract/microsoft365.js";
import { conflict } from "../../errors.js";
import type { AppContext } from "../../context.js";
import { isUniqueViolation } from "../../store/store.js";
import { recordAudit } from "../audit-log/record-audit.js";
import { startAdminConsent } from "../consent/start-admin-consent.js";
import { loadOrganization, requireIntegrationPlan } from "./organization-plan.js";
import { needsConsent } from "./link-status.js";
import { presentTenantLink } from "./present-tenant-link.js";
import { resolveTenant } from "./resolve-tenant.js";

export interface SaveTenantLink {
  organizationId: string;
  actor: { userId: string; name: string };
  /** A tenant GUID or one of its domains, as the admin typed it. */
  tenant: string;
  rosterData: boolean;
}

const alreadyLinked = () =>
  conflict("tenant_already_linked", "This Microsoft 365 tenant is already linked to another organization. A tenant links to one organization only.");

/**
 * Saves a tenant link (docs/spec.md §3.1–3.3): a new link awaits consent; an existing one keeps its status and,
 * when the roster choice changes, asks for consent again. Returns the admin-consent URL when consent
 * is needed. The unique index on tenant_links(tid) is what keeps a tenant to one organization.
 */
export async function saveTenantLink(deps: AppContext, input: SaveTenantLink): Promise<SaveTenantLinkResponse> {
  requireIntegrationPlan(await loadOrganization(deps.store, input.organizationId));
  const resolved = await resolveTenant(deps, input.tenant);
  try {
    return await deps.store.transaction((t) => saveIn(deps, input, resolved, t));
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // Another organization linked the same tenant at the same moment, or this one did twice: re-read.
    const winner = await deps.store.models.TenantLink.findOne({ where: { tid: resolved.tid }, raw: true });
    if (winner && winner.organizationId !== input.organizationId) throw alreadyLinked();
    return deps.store.transaction((t) => saveIn(deps, input, resolved, t));
  }
}

async function saveIn(
  deps: AppContext,
  input: SaveTenantLink,
  resolved: { tid: string; domain: string | null },
  transaction: Transaction,
): Promise<SaveTenantLinkResponse> {
  const { TenantLink } = deps.store.models;
  const org = await loadOrganization(deps.store, input.organizationId, transaction);
  requireIntegrationPlan(org);
  const existing = await TenantLink.findOne({ where: { tid: resolved.tid }, transaction });
  if (existing && existing.organizationId !== org.id) throw alreadyLinked();

  let rosterChanged = false;
  let link;
  if (existing) {
    rosterChanged = Boolean(existing.rosterRequested) !== input.rosterData;
    // Turning roster data off takes effect at once: the app stops reading the roster before any consent.
    link = await existing.update(
      { rosterRequested: input.rosterData, rosterAccess: input.rosterData && Boolean(existing.rosterAccess), domain: resolved.domain ?? existing.domain },
      { transaction },
    );
  } else {
    const others = await TenantLink.count({ where: { organizationId: org.id }, transaction });
    if (others > 0 && org.plan !== "district") {
      throw conflict("tenant_limit_reached", "This organization already has a linked tenant; only a district links several. Unlink it first to link another.");
    }
    link = await TenantLink.create(
      { organizationId: org.id, tid: resolved.tid, domain: resolved.domain, status: "awaiting_consent", rosterRequested: input.rosterData, rosterAccess: false },
      { transaction },
    );
  }

  await recordAudit(
    deps.store.models,
    {
      organizationId: org.id,
      actor: { userId: input.actor.userId, name: input.actor.name },
      action: "tenant.link_saved",
      channel: "tab",
      target: { type: "tenant", id: link.tid },
      details: { domain: link.domain, rosterData: input.rosterData, created: !existing, status: link.status },
    },
    transaction,
  );

  const consent =
    needsConsent(link) || rosterChanged
      ? await startAdminConsent(
          deps,
          { organizationId: org.id, tid: link.tid, initiatedByUserId: input.actor.userId, purpose: "settings", rosterRequested: input.rosterData },
          transaction,
        )
      : null;
  return {
    tenant: presentTenantLink(link.get({ plain: true })),
    consentUrl: consent?.url ?? null,
    consentExpiresAt: consent?.expiresAt.toISOString() ?? null,
  };
}
