import type { Transaction } from "sequelize";
import type { Identity } from "../../auth/identity.js";
import type { Store } from "../../store/store.js";
import { INTEGRATION_PLANS, type TenantLinkStatus } from "../../store/types.js";
import type { AccountOrganization } from "./load-account.js";

export interface TenantOrganization {
  link: { id: string; tid: string; status: TenantLinkStatus; rosterAccess: boolean; rosterRequested: boolean };
  organization: AccountOrganization;
}

/** The organization linked to a tenant, on a plan with the integration (docs/spec.md §2); null when none. */
export async function loadTenantOrganization(store: Store, tid: string, transaction?: Transaction): Promise<TenantOrganization | null> {
  const { TenantLink, Organization } = store.models;
  const link = await TenantLink.findOne({
    where: { tid },
    attributes: ["id", "tid", "organizationId", "status", "rosterAccess", "rosterRequested"],
    raw: true,
    transaction,
  });
  if (!link) return null;
  const organization = await Organization.findByPk(link.organizationId, {
    attributes: ["id", "name", "kind", "plan", "confirmSelfChosenTeachers"],
    raw: true,
    transaction,
  });
  if (!organization || !INTEGRATION_PLANS.includes(organization.plan)) return null;
  return {
    link: { id: link.id, tid: link.tid, status: link.status, rosterAccess: Boolean(link.rosterAccess), rosterRequested: Boolean(link.rosterRequested) },
    organization: { ...organization, confirmSelfChosenTeachers: Boolean(organization.confirmSelfChosenTeachers) },
  };
}

/** Personal Microsoft accounts and guests use the product as individuals: never joined, never offered (docs/spec.md §4). */
export const mayJoinTenantOrganization = (identity: Pick<Identity, "personal" | "guest">) => !identity.personal && !identity.guest;

/** The organization of the caller's tenant when it is active and the caller may join it. */
export async function activeTenantOrganization(store: Store, identity: Identity, transaction?: Transaction): Promise<TenantOrganization | null> {
  if (!mayJoinTenantOrganization(identity)) return null;
  const tenant = await loadTenantOrganization(store, identity.tid, transaction);
  return tenant?.link.status === "active" ? tenant : null;
}

/** Students of a teacher subscription follow their teacher; they never get their own join offer (docs/spec.md §4). */
export async function isSubscriptionStudent(store: Store, userId: string, transaction?: Transaction): Promise<boolean> {
  const row = await store.models.SubscriptionStudent.findOne({ where: { studentUserId: userId }, attributes: ["id"], raw: true, transaction });
  return row !== null;
}

/** The organization of the caller's tenant while its link awaits consent or needs attention, when the caller may join it. */
export async function awaitingTenantOrganization(store: Store, identity: Identity): Promise<TenantOrganization | null> {
  if (!mayJoinTenantOrganization(identity)) return null;
  const tenant = await loadTenantOrganization(store, identity.tid);
  return tenant && tenant.link.status !== "active" ? tenant : null;
}
