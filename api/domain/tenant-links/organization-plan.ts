import type { Transaction } from "sequelize";
import { forbidden, notFound } from "../../errors.js";
import type { Store } from "../../store/store.js";
import type { OrganizationRow } from "../../store/models.js";
import { INTEGRATION_PLANS } from "../../store/types.js";

export const integrationAvailable = (org: Pick<OrganizationRow, "plan">) => INTEGRATION_PLANS.includes(org.plan);

export function unavailableReason(org: Pick<OrganizationRow, "plan">): string | null {
  if (integrationAvailable(org)) return null;
  return "The Microsoft 365 integration is part of the School, District and eLearning plans. Your organization is on the " +
    `${org.plan === "free" ? "Free" : "Teacher"} plan, so nothing can be linked here; upgrade to connect your tenant.`;
}

export async function loadOrganization(store: Store, organizationId: string, transaction?: Transaction): Promise<OrganizationRow> {
  // On PostgreSQL the row lock serialises link changes of one organization (the one-tenant limit).
  const lock = transaction && store.dialect === "postgres" ? transaction.LOCK.UPDATE : undefined;
  const org = await store.models.Organization.findByPk(organizationId, { transaction, lock, raw: true });
  if (!org) throw notFound("organization_not_found", "No such organization.");
  return org;
}

/** docs/spec.md §2: other plans get a clear refusal, and nothing changes. */
export function requireIntegrationPlan(org: Pick<OrganizationRow, "plan">): void {
  const reason = unavailableReason(org);
  if (reason) throw forbidden("integration_unavailable", reason, { plan: org.plan });
}
