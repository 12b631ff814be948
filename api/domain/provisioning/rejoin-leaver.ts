import { Op } from "sequelize";
import type { Identity } from "../../auth/identity.js";
import type { Store } from "../../store/store.js";
import { isUniqueViolation } from "../../store/store.js";
import { recordAudit } from "../audit-log/record-audit.js";
import { activeTenantOrganization } from "../session/tenant-organization.js";

/**
 * A person Entra's provisioning took out of the organization signs in again. Only when the
 * organization allows it (Settings → Provisioning, off by default) do they join again on their own;
 * otherwise they are an individual who may ask to join like anyone else. Returns whether they joined.
 * Runs only for signed-in non-members, never on the returning member's fast path.
 */
export async function rejoinLeaver(store: Store, identity: Identity, userId: string): Promise<boolean> {
  const tenant = await activeTenantOrganization(store, identity);
  if (!tenant || !tenant.organization) return false;
  const { ProvisioningLeaver, Organization, Membership } = store.models;
  const leaver = await ProvisioningLeaver.findOne({
    where: { organizationId: tenant.organization.id, userId, leftAt: { [Op.ne]: null } },
    attributes: ["id"],
    raw: true,
  });
  if (!leaver) return false;
  const org = await Organization.findByPk(tenant.organization.id, { attributes: ["leaversRejoinAutomatically"], raw: true });
  if (!org?.leaversRejoinAutomatically) return false;
  try {
    await store.transaction(async (transaction) => {
      await Membership.create({ organizationId: tenant.organization.id, userId, isAdmin: false, joinedVia: "auto_join" }, { transaction });
      await ProvisioningLeaver.update({ leftAt: null }, { where: { id: leaver.id }, transaction });
      await recordAudit(
        store.models,
        {
          organizationId: tenant.organization.id,
          actor: { userId, name: identity.name || identity.username || null },
          action: "member.joined",
          channel: "system",
          target: { type: "user", id: userId },
          details: { via: "rejoin_after_provisioning" },
        },
        transaction,
      );
    });
  } catch (error) {
    // A concurrent sign-in of the same person joined them a moment earlier.
    if (!isUniqueViolation(error)) throw error;
  }
  return true;
}
