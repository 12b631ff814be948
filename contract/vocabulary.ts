/**
 * The product's words, as the API speaks them (docs/spec.md §1). The store maps its columns to these lists,
 * not the other way round: renaming a column cannot silently change what the API sends.
 */
export const PLANS = ["free", "teacher", "school", "district", "elearning_paid"] as const;
export type Plan = (typeof PLANS)[number];

export const ORGANIZATION_KINDS = ["school", "district", "elearning"] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];

/** School orgs use teacher/student, eLearning orgs creator/learner. */
export const ACCOUNT_TYPES = ["teacher", "student", "creator", "learner"] as const;
export type AccountType = (typeof ACCOUNT_TYPES)[number];

/** An admin's re-check of a member's type: keep a type an admin set by hand, or let detection replace it too. */
export const ACCOUNT_TYPE_RECHECKS = ["keep_admin_set", "replace_admin_set"] as const;
export type AccountTypeRecheck = (typeof ACCOUNT_TYPE_RECHECKS)[number];

export const ACCOUNT_TYPE_SOURCES = ["group_rule", "education_api", "license", "user_choice", "admin"] as const;
export type AccountTypeSource = (typeof ACCOUNT_TYPE_SOURCES)[number];

export const JOIN_REQUEST_STATUSES = ["pending", "approved", "rejected", "expired"] as const;
export type JoinRequestStatus = (typeof JOIN_REQUEST_STATUSES)[number];

/** Where an admin's action came from; the audit log records one of these. "provisioning": Entra's provisioning service (SCIM). */
export const CHANNELS = ["tab", "bot", "consent", "system", "provisioning"] as const;
export type Channel = (typeof CHANNELS)[number];

/** Where a join request can be decided. */
export const DECISION_CHANNELS = ["tab", "bot"] as const satisfies readonly Channel[];
export type DecisionChannel = (typeof DECISION_CHANNELS)[number];

/** Plans on which the Microsoft 365 integration exists (docs/spec.md §2). */
export const INTEGRATION_PLANS: readonly Plan[] = ["school", "district", "elearning_paid"];
