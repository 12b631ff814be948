/** Product vocabulary shared by the store, the domain and the API contract (SPEC §1). */
export const PLANS = ["free", "teacher", "school", "district", "elearning_paid"] as const;
export type Plan = (typeof PLANS)[number];

export const ORGANIZATION_KINDS = ["school", "district", "elearning"] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];

/** School orgs use teacher/student, eLearning orgs creator/learner. */
export const ACCOUNT_TYPES = ["teacher", "student", "creator", "learner"] as const;
export type AccountType = (typeof ACCOUNT_TYPES)[number];

export const ACCOUNT_TYPE_SOURCES = ["group_rule", "education_api", "license", "user_choice", "admin"] as const;
export type AccountTypeSource = (typeof ACCOUNT_TYPE_SOURCES)[number];

/** A link row exists only once an admin saved a tenant; "not linked" is the absence of a row. */
export const TENANT_LINK_STATUSES = ["awaiting_consent", "active", "needs_attention"] as const;
export type TenantLinkStatus = (typeof TENANT_LINK_STATUSES)[number];

export const JOIN_REQUEST_STATUSES = ["pending", "approved", "rejected", "expired"] as const;
export type JoinRequestStatus = (typeof JOIN_REQUEST_STATUSES)[number];

/** "provisioning": Microsoft Entra's provisioning service, over SCIM. */
export const CHANNELS = ["tab", "bot", "consent", "system", "provisioning"] as const;
export type Channel = (typeof CHANNELS)[number];

export const OUTBOX_STATUSES = ["pending", "sent", "failed"] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** Plans on which the Microsoft 365 integration exists (SPEC §2). */
export const INTEGRATION_PLANS: readonly Plan[] = ["school", "district", "elearning_paid"];
