import { notFound, forbidden } from "../../errors.js";
import { recordAudit } from "../audit-log/record-audit.js";
import { lockOrgAdmins } from "./lock-org-admins.js";
import { lastAdmin } from "./update-member.js";
import { isGuid } from "../../../contract/guid.js";
import type { CommandContext } from "../command-context.js";

export interface RemoveMember {
  organizationId: string;
  actor: { userId: string; name: string };
  userId: string;
}

/**
 * Removes a member from the organization; their account stays (an individual account again). The last
 * admin cannot be removed, checked against locked admin rows as in updateMember.
 */
export async function removeMember({ store }: CommandContext, input: RemoveMember): Promise<{ userId: string; removed: true }> {
  const { Membership, User } = store.models;
  if (!isGuid(input.userId)) throw notFound("member_not_found", "No such member in this organization.");
  return store.transaction(async (transaction) => {
    const admins = await lockOrgAdmins(store, input.organizationId, transaction);
    if (!admins.has(input.actor.userId)) throw forbidden("not_org_admin", "Only the organization's admins can do this.");
    const membership = await Membership.findOne({ where: { organizationId: input.organizationId, userId: input.userId }, transaction });
    if (!membership) throw notFound("member_not_found", "No such member in this organization.");
    if (membership.isAdmin && admins.size <= 1) throw lastAdmin();
    const user = await User.findByPk(input.userId, { attributes: ["displayName", "accountType"], transaction, raw: true });
    await membership.destroy({ transaction });
    await recordAudit(
      store.models,
      {
        organizationId: input.organizationId,
        actor: input.actor,
        action: "member.removed",
        channel: "tab",
        target: { type: "user", id: input.userId },
        details: { displayName: user?.displayName ?? null, accountType: user?.accountType ?? null, wasAdmin: membership.isAdmin },
      },
      transaction,
    );
    return { userId: input.userId, removed: true as const };
  });
}
