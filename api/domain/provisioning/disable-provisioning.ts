import type { ProvisioningView } from "../../../contract/provisioning.js";
import { notFound } from "../../errors.js";
import { recordAudit } from "../audit-log/record-audit.js";
import { getProvisioningSettings } from "./get-provisioning-settings.js";
import type { CommandContext } from "../command-context.js";

export interface DisableProvisioning {
  organizationId: string;
  actor: { userId: string; name: string };
  tid: string;
  publicUrl: string;
}

/** Turns provisioning off for a tenant: the secret stops working at once; members stay as they are. */
export async function disableProvisioning({ store }: CommandContext, input: DisableProvisioning): Promise<ProvisioningView> {
  const { ProvisioningCredential } = store.models;
  const tid = input.tid.toLowerCase();
  return store.transaction(async (transaction) => {
    const credential = await ProvisioningCredential.findOne({ where: { organizationId: input.organizationId, tid }, transaction });
    if (!credential) throw notFound("provisioning_not_enabled", "Provisioning is not on for that tenant.");
    await credential.destroy({ transaction });
    await recordAudit(
      store.models,
      { organizationId: input.organizationId, actor: input.actor, action: "provisioning.disabled", channel: "tab", target: { type: "tenant", id: tid }, details: { secretHint: credential.secretHint } },
      transaction,
    );
    return getProvisioningSettings({ store }, { organizationId: input.organizationId, publicUrl: input.publicUrl }, transaction);
  });
}
