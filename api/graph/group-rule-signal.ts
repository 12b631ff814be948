import type { AccountType } from "../store/types.js";
import type { GraphReader } from "./graph-client.js";
import type { DetectedAccountType } from "./signal.js";

/** An admin-defined rule (docs/spec.md §5.1): members of this Entra group get this type. */
export interface GroupRule {
  groupId: string;
  accountType: AccountType;
  /** Higher first; among equals the rule listed first wins. */
  priority: number;
}

interface DirectoryObjectPage {
  value: Array<{ id?: string; "@odata.type"?: string }>;
  "@odata.nextLink"?: string;
}

const MAX_PAGES = 5;

/** `group_rule`: the user's transitive groups against the organization's rules. Called only when rules exist. */
export async function groupRuleSignal(graph: GraphReader, rules: readonly GroupRule[]): Promise<DetectedAccountType> {
  if (rules.length === 0) return null;
  const groups = new Set<string>();
  let path: string | undefined = "/me/transitiveMemberOf?$top=999";
  for (let page = 0; path && page < MAX_PAGES; page++) {
    const answer: DirectoryObjectPage = await graph.get<DirectoryObjectPage>(path);
    // Directory roles and administrative units come back too; only groups can match a rule.
    for (const item of answer.value ?? []) {
      if (item.id && (item["@odata.type"] ?? "#microsoft.graph.group") === "#microsoft.graph.group") groups.add(item.id.toLowerCase());
    }
    path = answer["@odata.nextLink"];
  }
  const ordered = [...rules].sort((a, b) => b.priority - a.priority);
  const match = ordered.find((rule) => groups.has(rule.groupId.toLowerCase()));
  return match ? { accountType: match.accountType, source: "group_rule" } : null;
}
