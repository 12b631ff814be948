import type { Transaction } from "sequelize";
import type { ProvisioningView } from "../../../contract/provisioning.js";
import { integrationAvailable, loadOrganization } from "../tenant-links/organization-plan.js";
import type { CommandContext } from "../command-context.js";

export interface GetProvisioningSettings {
  organizationId: string;
  /** The app's public base URL: Entra's "Tenant URL" is `{publicUrl}/scim/v2`. */
  publicUrl: string;
}

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

/** Settings → Provisioning: the tenant URL, and per linked tenant whether a secret is in force. */
export async function getProvisioningSettings({ store }: CommandContext, input: GetProvisioningSettings, transaction?: Transaction): Promise<ProvisioningView> {
  const { TenantLink, ProvisioningCredential } = store.models;
  const org = await loadOrganization(store, input.organizationId, transaction);
  const links = await TenantLink.findAll({ where: { organizationId: org.id }, attributes: ["id", "tid", "domain"], order: [["createdAt", "ASC"]], raw: true, transaction });
  const credentials = await ProvisioningCredential.findAll({
    where: { organizationId: org.id },
    attributes: ["tenantLinkId", "secretHint", "createdAt", "updatedAt", "lastUsedAt"],
    raw: true,
    transaction,
  });
  const byLink = new Map(credentials.map((c) => [c.tenantLinkId, c]));
  return {
    tenantUrl: `${input.publicUrl.replace(/\/$/, "")}/scim/v2`,
    available: integrationAvailable(org),
    leaversRejoinAutomatically: Boolean(org.leaversRejoinAutomatically),
    tenants: links.map((link) => {
      const credential = byLink.get(link.id);
      return {
        tid: link.tid,
        domain: link.domain,
        enabled: credential !== undefined,
        secretHint: credential?.secretHint ?? null,
        enabledAt: credential ? iso(credential.updatedAt) : null,
        lastUsedAt: credential ? iso(credential.lastUsedAt) : null,
      };
    }),
  };
}
