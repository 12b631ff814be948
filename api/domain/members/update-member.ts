import type { MemberView, UpdateMemberBody } from "../../../contract/members.js";
import { badRequest, conflict, forbidden, notFound } from "../../errors.js";
import type { AccountType, OrganizationKind } from "../../store/types.js";
import { recordAudit } from "../audit-log/record-audit.js";
import { lockOrgAdmins } from "./lock-org-admins.js";
import { MEMBER_USER_ATTRIBUTES, presentMember } from "./present-member.js";
import { tenantDomains } from "./tenant-domains.js";
import { isGuid } from "../../../contract/guid.js";
import type { CommandContext } from "../command-context.js";

export interface UpdateMember extends UpdateMemberBody {
  organizationId: string;
  actor: { userId: string; name: string };
  userId: string;
}

const TYPES_OF: Record<OrganizationKind, readonly AccountType[]> = {
  school: ["teacher", "student"],
  district: ["teacher", "student"],
  elearning: ["creator", "learner"],
};

export const lastAdmin = () =>
  conflict("last_admin", "An organization always keeps at least one admin: make someone else an admin first.");

/**
 * An admin changes a member's account type (source `admin`, confirmation no longer pending) and/or
 * admin rights (docs/spec.md §5, §8). The admin rows are locked and re-counted in the same transaction, so
 * concurrent demotions can never leave the organization without an admin.
 */
export async function updateMember({ store }: CommandContext, input: UpdateMember): Promise<MemberView> {
  const { Organization, Membership, User } = store.models;
  if (!isGuid(input.userId)) throw notFound("member_not_found", "No such member in this organization.");
  return store.transaction(async (transaction) => {
    const admins = await lockOrgAdmins(store, input.organizationId, transaction);
    // The actor was an admin when the request arrived; a concurrent demotion may have changed that.
    if (!admins.has(input.actor.userId)) throw forbidden("not_org_admin", "Only the organization's admins can do this.");
    const membership = await Membership.findOne({ where: { organizationId: input.organizationId, userId: input.userId }, transaction });
    const user = membership && (await User.findByPk(input.userId, { attributes: [...MEMBER_USER_ATTRIBUTES], transaction }));
    if (!membership || !user) throw notFound("member_not_found", "No such member in this organization.");
    const audit = (action: Parameters<typeof recordAudit>[1]["action"], details: Record<string, unknown>) =>
      recordAudit(
        store.models,
        { organizationId: input.organizationId, actor: input.actor, action, channel: "tab", target: { type: "user", id: user.id }, details: { displayName: user.displayName, ...details } },
        transaction,
      );

    if (input.accountType !== undefined) {
      const org = await Organization.findByPk(input.organizationId, { attributes: ["kind"], transaction, raw: true });
      const allowed = TYPES_OF[org!.kind];
      if (!allowed.includes(input.accountType)) {
        throw badRequest("account_type_not_for_organization", `Members of this organization are ${allowed.join(" or ")}.`, { allowed });
      }
      const from = { accountType: user.accountType, source: user.accountTypeSource };
      if (from.accountType !== input.accountType || from.source !== "admin" || user.teacherConfirmationPending) {
        await user.update({ accountType: input.accountType, accountTypeSource: "admin", teacherConfirmationPending: false }, { transaction });
        await audit("member.account_type_changed", { from: from.accountType, fromSource: from.source, to: input.accountType });
      }
    }

    if (input.isAdmin !== undefined && input.isAdmin !== membership.isAdmin) {
      if (!input.isAdmin && admins.size <= 1) throw lastAdmin();
      await membership.update({ isAdmin: input.isAdmin }, { transaction });
      await audit(input.isAdmin ? "member.admin_granted" : "member.admin_revoked", {});
    }
    return presentMember(user.get({ plain: true }), membership.get({ plain: true }), await tenantDomains(store, input.organizationId, transaction));
  });
}
