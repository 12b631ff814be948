/**
 * The store speaks the contract's vocabulary (contract/vocabulary.ts); only states that never leave the
 * server are defined here.
 */
export {
  PLANS,
  ORGANIZATION_KINDS,
  ACCOUNT_TYPES,
  ACCOUNT_TYPE_SOURCES,
  ACCOUNT_TYPE_RECHECKS,
  JOIN_REQUEST_STATUSES,
  CHANNELS,
  INTEGRATION_PLANS,
  type Plan,
  type OrganizationKind,
  type AccountType,
  type AccountTypeSource,
  type AccountTypeRecheck,
  type JoinRequestStatus,
  type Channel,
} from "../../contract/vocabulary.js";

/** A link row exists only once an admin saved a tenant; "not linked" is the absence of a row. */
export const TENANT_LINK_STATUSES = ["awaiting_consent", "active", "needs_attention"] as const;
export type TenantLinkStatus = (typeof TENANT_LINK_STATUSES)[number];

export const OUTBOX_STATUSES = ["pending", "sent", "failed"] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];
