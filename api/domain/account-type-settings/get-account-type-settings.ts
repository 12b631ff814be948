import type { Transaction } from "sequelize";
import type { AccountTypeSettingsView, GroupRuleView } from "../../../contract/account-type-settings.js";
import type { Store } from "../../store/store.js";
import { accountTypeChoices } from "../session/account-types.js";
import { integrationAvailable, loadOrganization } from "../tenant-links/organization-plan.js";
import type { CommandContext } from "../command-context.js";

/**
 * The organization's rules in the order sign-in tries them (priority first, then saving order —
 * create-account reads them by creation time and the signal sorts stably by priority).
 */
export async function readGroupRules(store: Store, organizationId: string, transaction?: Transaction): Promise<GroupRuleView[]> {
  const rows = await store.models.AccountTypeRule.findAll({
    where: { organizationId },
    attributes: ["groupId", "accountType", "priority"],
    order: [["priority", "DESC"], ["createdAt", "ASC"]],
    transaction,
    raw: true,
  });
  return rows.map((row) => ({ groupId: row.groupId, accountType: row.accountType, priority: row.priority }));
}

/** docs/spec.md §5: group rules and whether self-chosen teachers wait for an admin's confirmation. */
export async function getAccountTypeSettings({ store }: CommandContext, input: { organizationId: string }): Promise<AccountTypeSettingsView> {
  const organization = await loadOrganization(store, input.organizationId);
  return {
    confirmSelfChosenTeachers: Boolean(organization.confirmSelfChosenTeachers),
    groupRules: await readGroupRules(store, input.organizationId),
    accountTypeChoices: accountTypeChoices(organization.kind),
    groupRulesAvailable: integrationAvailable(organization),
  };
}
