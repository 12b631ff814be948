import { notFound } from "../../errors.js";
import type { Store } from "../../store/store.js";
import type { AccountType, AccountTypeRecheck, AccountTypeSource, OrganizationKind, Plan, TenantLinkStatus } from "../../store/types.js";

export interface AccountOrganization {
  id: string;
  name: string;
  kind: OrganizationKind;
  plan: Plan;
  confirmSelfChosenTeachers: boolean;
}

/** A user as the session sees them: the user row and their membership, if any. Plain data. */
export interface Account {
  user: {
    id: string;
    displayName: string;
    email: string | null;
    accountType: AccountType | null;
    accountTypeSource: AccountTypeSource | null;
    teacherConfirmationPending: boolean;
    joinOfferHiddenUntil: Date | null;
    lastSeenOn: string | null;
  };
  membership: { isAdmin: boolean; accountTypeRecheck: AccountTypeRecheck | null; organization: AccountOrganization } | null;
  /** The status of the link of the person's own tenant (tid), or null when it is not linked. */
  tenantLinkStatus: TenantLinkStatus | null;
}

/** SQLite hands dates back as text ("2026-01-01 10:00:00.000 +00:00"), PostgreSQL as Date. */
const toDate = (value: Date | string | null): Date | null => (value === null ? null : value instanceof Date ? value : new Date(value));

/**
 * The returning member's fast path (docs/spec.md §4): the user, their membership and its organization in one
 * indexed read by (tid, oid) — no Graph, no write. Null when the person has no account yet.
 */
export async function loadAccount(store: Store, who: { tid: string; oid: string }): Promise<Account | null> {
  const row = await store.readAccount(who);
  if (!row) return null;
  return {
    user: {
      id: row.id,
      displayName: row.displayName,
      email: row.email,
      accountType: row.accountType as AccountType | null,
      accountTypeSource: row.accountTypeSource as AccountTypeSource | null,
      teacherConfirmationPending: Boolean(row.teacherConfirmationPending),
      joinOfferHiddenUntil: toDate(row.joinOfferHiddenUntil),
      lastSeenOn: row.lastSeenOn,
    },
    membership:
      row.organizationId && row.organizationName && row.organizationKind && row.organizationPlan
        ? {
            isAdmin: Boolean(row.isAdmin),
            accountTypeRecheck: row.accountTypeRecheck as AccountTypeRecheck | null,
            organization: {
              id: row.organizationId,
              name: row.organizationName,
              kind: row.organizationKind as OrganizationKind,
              plan: row.organizationPlan as Plan,
              confirmSelfChosenTeachers: Boolean(row.confirmSelfChosenTeachers),
            },
          }
        : null,
    tenantLinkStatus: row.tenantLinkStatus as TenantLinkStatus | null,
  };
}

/** The caller's account, or a 404 telling the client to start a session first. */
export async function requireAccount(store: Store, who: { tid: string; oid: string }): Promise<Account> {
  const account = await loadAccount(store, who);
  if (!account) throw notFound("account_not_found", "There is no account for you yet: sign in with POST /api/session first.");
  return account;
}
