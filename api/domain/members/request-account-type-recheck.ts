import { Op } from "sequelize";
import type { AccountTypeRecheckBody, AccountTypeRecheckResult } from "../../../contract/members.js";
import { forbidden, notFound } from "../../errors.js";
import type { AccountTypeRecheck } from "../../store/types.js";
import { recordAudit } from "../audit-log/record-audit.js";
import { isGuid } from "../../../contract/guid.js";
import type { CommandContext } from "../command-context.js";

export interface RequestAccountTypeRecheck {
  organizationId: string;
  actor: { userId: string; name: string };
  request: AccountTypeRecheckBody;
}

/**
 * An admin asks for members' types to be detected again (docs/spec.md §4): nothing is read from Graph
 * now — the request waits on each membership until that person's next sign-in, where their own token
 * lets detection run over on-behalf-of. A selection is all-or-nothing: one id that is not a member of
 * this organization refuses the whole request (404) and flags nobody. Each flagged member of a
 * selection gets an audit row; "everyone" gets one row with the count.
 */
export async function requestAccountTypeRecheck({ store }: CommandContext, input: RequestAccountTypeRecheck): Promise<AccountTypeRecheckResult> {
  const { Membership } = store.models;
  const mode: AccountTypeRecheck = input.request.replaceAdminSet ? "replace_admin_set" : "keep_admin_set";
  const userIds = input.request.userIds ? [...new Set(input.request.userIds)] : null;
  if (userIds?.some((id) => !isGuid(id))) throw notFound("member_not_found", "No such member in this organization.");

  return store.transaction(async (transaction) => {
    const actor = await Membership.findOne({ where: { organizationId: input.organizationId, userId: input.actor.userId, isAdmin: true }, attributes: ["id"], transaction, raw: true });
    if (!actor) throw forbidden("not_org_admin", "Only the organization's admins can do this.");
    const audit = (target: { type: string; id: string }, details: Record<string, unknown>) =>
      recordAudit(
        store.models,
        { organizationId: input.organizationId, actor: input.actor, action: "member.account_type_recheck_requested", channel: "tab", target, details: { replaceAdminSet: mode === "replace_admin_set", ...details } },
        transaction,
      );

    if (!userIds) {
      const [requested] = await Membership.update({ accountTypeRecheck: mode }, { where: { organizationId: input.organizationId }, transaction });
      await audit({ type: "organization", id: input.organizationId }, { everyone: true, count: requested });
      return { requested, mode };
    }
    const members = await Membership.findAll({
      where: { organizationId: input.organizationId, userId: { [Op.in]: userIds } },
      attributes: ["userId"],
      transaction,
      raw: true,
    });
    if (members.length !== userIds.length) throw notFound("member_not_found", "No such member in this organization.");
    await Membership.update({ accountTypeRecheck: mode }, { where: { organizationId: input.organizationId, userId: { [Op.in]: userIds } }, transaction });
    const names = await store.models.User.findAll({ where: { id: { [Op.in]: userIds } }, attributes: ["id", "displayName"], transaction, raw: true });
    for (const user of names) await audit({ type: "user", id: user.id }, { displayName: user.displayName });
    return { requested: userIds.length, mode };
  });
}
