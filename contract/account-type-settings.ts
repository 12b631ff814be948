import { z } from "zod/v4";
import { ACCOUNT_TYPES } from "./vocabulary.js";
import { guid, organizationIdParams } from "./common.js";
import { endpoint } from "./endpoint.js";

/** At most this many group rules per organization: sign-in reads them all on every first sign-in. */
export const MAX_GROUP_RULES = 50;

/** docs/spec.md §5.1: members of this Entra group get this account type; a higher priority is tried first. */
export const groupRuleSchema = z
  .object({
    groupId: guid,
    accountType: z.enum(ACCOUNT_TYPES),
    priority: z.number().int().min(-1000).max(1000),
  })
  .strict();
export type GroupRuleView = z.infer<typeof groupRuleSchema>;

/**
 * `PUT /api/orgs/:orgId/account-type-settings` replaces the whole set. Rules must use the organization's
 * words (teacher/student, or creator/learner) and name each group once; both are checked by the server
 * with their own codes (`account_type_not_for_organization`, `duplicate_group_rule`).
 */
export const saveAccountTypeSettingsBody = z
  .object({
    confirmSelfChosenTeachers: z.boolean(),
    groupRules: z.array(groupRuleSchema).max(MAX_GROUP_RULES),
  })
  .strict();
export type SaveAccountTypeSettingsBody = z.infer<typeof saveAccountTypeSettingsBody>;

/** Rules come back in the order sign-in tries them: priority first, then the order they were saved in. */
export const accountTypeSettingsView = z.object({
  confirmSelfChosenTeachers: z.boolean(),
  groupRules: z.array(groupRuleSchema),
  /** The types a rule may give in this organization. */
  accountTypeChoices: z.array(z.enum(ACCOUNT_TYPES)),
  /** Group rules need the Microsoft 365 integration (docs/spec.md §2); on other plans they are refused. */
  groupRulesAvailable: z.boolean(),
});
export type AccountTypeSettingsView = z.infer<typeof accountTypeSettingsView>;

export const accountTypeSettingsEndpoints = {
  get: endpoint({ method: "get", path: "/api/orgs/:orgId/account-type-settings", params: organizationIdParams, response: accountTypeSettingsView }),
  save: endpoint({ method: "put", path: "/api/orgs/:orgId/account-type-settings", params: organizationIdParams, body: saveAccountTypeSettingsBody, response: accountTypeSettingsView }),
};
