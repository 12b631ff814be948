import type { AccountTypeSettingsView, SaveAccountTypeSettingsBody } from "../../../contract/account-type-settings.js";
import { badRequest } from "../../errors.js";
import { recordAudit } from "../audit-log/record-audit.js";
import { accountTypeChoices } from "../session/account-types.js";
import { integrationAvailable, loadOrganization, requireIntegrationPlan } from "../tenant-links/organization-plan.js";
import { readGroupRules } from "./get-account-type-settings.js";
import { summarizeSettingsChange } from "./summarize-settings-change.js";
import type { CommandContext } from "../command-context.js";

export interface SaveAccountTypeSettings extends SaveAccountTypeSettingsBody {
  organizationId: string;
  actor: { userId: string; name: string };
}

/**
 * An org admin replaces the group rules and the confirmation setting (docs/spec.md §5) in one transaction,
 * audited as `settings.changed` when anything changed. Everything is checked before the first write,
 * so a refused body changes nothing.
 */
export async function saveAccountTypeSettings({ store }: CommandContext, input: SaveAccountTypeSettings): Promise<AccountTypeSettingsView> {
  // Group ids are GUIDs; Graph answers them in lower case and the unique index compares exactly.
  const rules = input.groupRules.map((rule) => ({ ...rule, groupId: rule.groupId.toLowerCase() }));
  const seen = new Set<string>();
  for (const rule of rules) {
    if (seen.has(rule.groupId)) throw badRequest("duplicate_group_rule", `The group ${rule.groupId} has more than one rule; keep one.`, { groupId: rule.groupId });
    seen.add(rule.groupId);
  }
  // Stored in the order sign-in tries them, so what the admin reads back is what decides.
  const ordered = rules.map((rule, index) => ({ rule, index })).sort((a, b) => b.rule.priority - a.rule.priority || a.index - b.index).map(({ rule }) => rule);

  return store.transaction(async (transaction) => {
    // Locks the organization row on PostgreSQL: two admins saving at once take turns instead of colliding on the unique index.
    const organization = await loadOrganization(store, input.organizationId, transaction);
    const choices = accountTypeChoices(organization.kind);
    const misfit = ordered.find((rule) => !choices.includes(rule.accountType));
    if (misfit) {
      throw badRequest("account_type_not_for_organization", `Rules of this organization give ${choices.join(" or ")}, not ${misfit.accountType}.`, { allowed: choices });
    }
    if (ordered.length > 0) requireIntegrationPlan(organization);

    const before = {
      confirmSelfChosenTeachers: Boolean(organization.confirmSelfChosenTeachers),
      groupRules: await readGroupRules(store, input.organizationId, transaction),
    };
    const change = summarizeSettingsChange(before, { confirmSelfChosenTeachers: input.confirmSelfChosenTeachers, groupRules: ordered });
    const view = { confirmSelfChosenTeachers: input.confirmSelfChosenTeachers, groupRules: ordered, accountTypeChoices: choices, groupRulesAvailable: integrationAvailable(organization) };
    if (Object.keys(change).length === 0) return view;

    const { Organization, AccountTypeRule } = store.models;
    if (change.confirmSelfChosenTeachers) {
      await Organization.update({ confirmSelfChosenTeachers: input.confirmSelfChosenTeachers }, { where: { id: input.organizationId }, transaction });
    }
    if (change.groupRules) {
      await AccountTypeRule.destroy({ where: { organizationId: input.organizationId }, transaction });
      // Among equal priorities the earlier rule wins, and sign-in reads rules by creation time: one millisecond apart keeps the order.
      const savedAt = Date.now();
      await AccountTypeRule.bulkCreate(
        ordered.map((rule, index) => ({ organizationId: input.organizationId, ...rule, createdAt: new Date(savedAt + index), updatedAt: new Date(savedAt) })),
        { transaction },
      );
    }
    await recordAudit(
      store.models,
      { organizationId: input.organizationId, actor: input.actor, action: "settings.changed", channel: "tab", target: { type: "organization", id: input.organizationId }, details: { ...change } },
      transaction,
    );
    return view;
  });
}
