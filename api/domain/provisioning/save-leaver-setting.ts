import type { ProvisioningView } from "../../../contract/provisioning.js";
import { recordAudit } from "../audit-log/record-audit.js";
import { loadOrganization } from "../tenant-links/organization-plan.js";
import { getProvisioningSettings } from "./get-provisioning-settings.js";
import type { CommandContext } from "../command-context.js";

export interface SaveLeaverSetting {
  organizationId: string;
  actor: { userId: string; name: string };
  leaversRejoinAutomatically: boolean;
  publicUrl: string;
}

/** Whether a leaver's next sign-in joins them again on its own; audited as settings.changed when it changes. */
export async function saveLeaverSetting({ store }: CommandContext, input: SaveLeaverSetting): Promise<ProvisioningView> {
  return store.transaction(async (transaction) => {
    const org = await loadOrganization(store, input.organizationId, transaction);
    const before = Boolean(org.leaversRejoinAutomatically);
    if (before !== input.leaversRejoinAutomatically) {
      await store.models.Organization.update({ leaversRejoinAutomatically: input.leaversRejoinAutomatically }, { where: { id: org.id }, transaction });
      await recordAudit(
        store.models,
        {
          organizationId: org.id,
          actor: input.actor,
          action: "settings.changed",
          channel: "tab",
          target: { type: "organization", id: org.id },
          details: { leaversRejoinAutomatically: { from: before, to: input.leaversRejoinAutomatically } },
        },
        transaction,
      );
    }
    return getProvisioningSettings({ store }, { organizationId: org.id, publicUrl: input.publicUrl }, transaction);
  });
}
