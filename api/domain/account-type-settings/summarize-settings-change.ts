import type { GroupRuleView } from "../../../contract/account-type-settings.js";

export interface SettingsChange {
  confirmSelfChosenTeachers?: { from: boolean; to: boolean };
  groupRules?: { added: number; removed: number; changed: number; total: number };
}

const key = (groupId: string) => groupId.toLowerCase();

/**
 * What the audit row says about a save: counts, not the rules themselves — the activity log tells an
 * admin that something changed and by whom; the settings page shows what the rules are now.
 */
export function summarizeSettingsChange(
  before: { confirmSelfChosenTeachers: boolean; groupRules: readonly GroupRuleView[] },
  after: { confirmSelfChosenTeachers: boolean; groupRules: readonly GroupRuleView[] },
): SettingsChange {
  const change: SettingsChange = {};
  if (before.confirmSelfChosenTeachers !== after.confirmSelfChosenTeachers) {
    change.confirmSelfChosenTeachers = { from: before.confirmSelfChosenTeachers, to: after.confirmSelfChosenTeachers };
  }
  const old = new Map(before.groupRules.map((rule, index) => [key(rule.groupId), { ...rule, index }]));
  const next = new Map(after.groupRules.map((rule, index) => [key(rule.groupId), { ...rule, index }]));
  const added = [...next.keys()].filter((groupId) => !old.has(groupId)).length;
  const removed = [...old.keys()].filter((groupId) => !next.has(groupId)).length;
  // Order matters among equal priorities (the first listed wins), so a moved rule counts as changed.
  const changed = [...next.entries()].filter(([groupId, rule]) => {
    const was = old.get(groupId);
    return was && (was.accountType !== rule.accountType || was.priority !== rule.priority || was.index !== rule.index);
  }).length;
  if (added + removed + changed > 0) change.groupRules = { added, removed, changed, total: after.groupRules.length };
  return change;
}
