import { QueryTypes, type Transaction } from "sequelize";
import { notFound } from "../../errors.js";
import type { Store } from "../../store/store.js";
import type { AccountType, AccountTypeSource, OrganizationKind, Plan } from "../../store/types.js";

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
  };
  membership: { isAdmin: boolean; organization: AccountOrganization } | null;
}

interface AccountRow {
  id: string;
  displayName: string;
  email: string | null;
  accountType: AccountType | null;
  accountTypeSource: AccountTypeSource | null;
  teacherConfirmationPending: boolean | number;
  joinOfferHiddenUntil: Date | string | null;
  isAdmin: boolean | number | null;
  organizationId: string | null;
  organizationName: string | null;
  organizationKind: OrganizationKind | null;
  organizationPlan: Plan | null;
  confirmSelfChosenTeachers: boolean | number | null;
}

// One indexed statement instead of three model reads: this is the returning member's fast path
// (SPEC §4), benchmarked against a bare route, and each Sequelize model query costs more than the
// lookup itself. Column names are the migrations' (0001-foundation); the values are bound, never spliced.
const ACCOUNT_SQL = `
SELECT u.id, u.display_name AS "displayName", u.email, u.account_type AS "accountType",
       u.account_type_source AS "accountTypeSource", u.teacher_confirmation_pending AS "teacherConfirmationPending",
       u.join_offer_hidden_until AS "joinOfferHiddenUntil", m.is_admin AS "isAdmin", o.id AS "organizationId",
       o.name AS "organizationName", o.kind AS "organizationKind", o.plan AS "organizationPlan",
       o.confirm_self_chosen_teachers AS "confirmSelfChosenTeachers"
  FROM users u
  LEFT JOIN memberships m ON m.user_id = u.id
  LEFT JOIN organizations o ON o.id = m.organization_id
 WHERE u.tid = :tid AND u.oid = :oid`;

/** SQLite hands dates back as text ("2026-01-01 10:00:00.000 +00:00"), PostgreSQL as Date. */
const toDate = (value: Date | string | null): Date | null => (value === null ? null : value instanceof Date ? value : new Date(value));

/**
 * The returning member's fast path (SPEC §4): the user, their membership and its organization in one
 * indexed read by (tid, oid) — no Graph, no write. Null when the person has no account yet.
 */
export async function loadAccount(store: Store, who: { tid: string; oid: string }, transaction?: Transaction): Promise<Account | null> {
  const rows = await store.sequelize.query<AccountRow>(ACCOUNT_SQL, {
    replacements: { tid: who.tid, oid: who.oid },
    type: QueryTypes.SELECT,
    transaction,
  });
  const row = rows[0];
  if (!row) return null;
  return {
    user: {
      id: row.id,
      displayName: row.displayName,
      email: row.email,
      accountType: row.accountType,
      accountTypeSource: row.accountTypeSource,
      teacherConfirmationPending: Boolean(row.teacherConfirmationPending),
      joinOfferHiddenUntil: toDate(row.joinOfferHiddenUntil),
    },
    membership:
      row.organizationId && row.organizationName && row.organizationKind && row.organizationPlan
        ? {
            isAdmin: Boolean(row.isAdmin),
            organization: {
              id: row.organizationId,
              name: row.organizationName,
              kind: row.organizationKind,
              plan: row.organizationPlan,
              confirmSelfChosenTeachers: Boolean(row.confirmSelfChosenTeachers),
            },
          }
        : null,
  };
}

/** The caller's account, or a 404 telling the client to start a session first. */
export async function requireAccount(store: Store, who: { tid: string; oid: string }, transaction?: Transaction): Promise<Account> {
  const account = await loadAccount(store, who, transaction);
  if (!account) throw notFound("account_not_found", "There is no account for you yet: sign in with POST /api/session first.");
  return account;
}
