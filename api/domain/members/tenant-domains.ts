import type { Transaction } from "sequelize";
import type { Store } from "../../store/store.js";

/** The tenants an organization linked, tid → the domain the admin entered (null when they gave the GUID). */
export async function tenantDomains(store: Store, organizationId: string, transaction?: Transaction): Promise<Map<string, string | null>> {
  const links = await store.models.TenantLink.findAll({ where: { organizationId }, attributes: ["tid", "domain"], raw: true, transaction });
  return new Map(links.map((link) => [link.tid, link.domain]));
}
