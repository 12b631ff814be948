import { randomUUID } from "node:crypto";
import type { IssuedProvisioningSecret } from "../../../contract/provisioning.js";
import { notFound } from "../../errors.js";
import { recordAudit } from "../audit-log/record-audit.js";
import { loadOrganization, requireIntegrationPlan } from "../tenant-links/organization-plan.js";
import { getProvisioningSettings } from "./get-provisioning-settings.js";
import { issueSecret } from "./provisioning-secret.js";
import type { CommandContext } from "../command-context.js";

export interface IssueProvisioningSecret {
  organizationId: string;
  actor: { userId: string; name: string };
  tid: string;
  publicUrl: string;
}

/**
 * Turns provisioning on for one linked tenant, or rotates its secret: a new secret replaces the old
 * one at once (Entra must be given the new one). The secret is returned here and never again.
 */
export async function issueProvisioningSecret({ store }: CommandContext, input: IssueProvisioningSecret): Promise<IssuedProvisioningSecret> {
  const { TenantLink, ProvisioningCredential } = store.models;
  const tid = input.tid.toLowerCase();
  return store.transaction(async (transaction) => {
    const org = await loadOrganization(store, input.organizationId, transaction);
    requireIntegrationPlan(org);
    const link = await TenantLink.findOne({ where: { organizationId: org.id, tid }, attributes: ["id", "tid"], raw: true, transaction });
    if (!link) throw notFound("tenant_link_not_found", "This organization has no link to that tenant.");
    const existing = await ProvisioningCredential.findOne({ where: { tenantLinkId: link.id }, transaction });
    const credentialId = existing?.id ?? randomUUID();
    const issued = issueSecret(credentialId);
    if (existing) {
      await existing.update({ secretHash: issued.hash, secretHint: issued.hint, createdByUserId: input.actor.userId, lastUsedAt: null }, { transaction });
    } else {
      await ProvisioningCredential.create(
        { id: credentialId, organizationId: org.id, tenantLinkId: link.id, tid, secretHash: issued.hash, secretHint: issued.hint, createdByUserId: input.actor.userId },
        { transaction },
      );
    }
    await recordAudit(
      store.models,
      {
        organizationId: org.id,
        actor: input.actor,
        action: existing ? "provisioning.secret_rotated" : "provisioning.enabled",
        channel: "tab",
        target: { type: "tenant", id: tid },
        details: { secretHint: issued.hint },
      },
      transaction,
    );
    const settings = await getProvisioningSettings({ store }, { organizationId: org.id, publicUrl: input.publicUrl }, transaction);
    return { tid, secret: issued.secret, settings };
  });
}
