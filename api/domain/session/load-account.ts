import type { Transaction } from "sequelize";
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

const USER_ATTRIBUTES = ["id", "displayName", "email", "accountType", "accountTypeSource", "teacherConfirmationPending", "joinOfferHiddenUntil"] as const;
const ORGANIZATION_ATTRIBUTES = ["id", "name", "kind", "plan", "confirmSelfChosenTeachers"] as const;

/**
 * The returning member's fast path (SPEC §4): indexed reads by (tid, oid), then user_id, then the
 * organization's primary key — no Graph, no write. Null when the person has no account yet.
 */
export async function loadAccount(store: Store, who: { tid: string; oid: string }, transaction?: Transaction): Promise<Account | null> {
  const { User, Membership, Organization } = store.models;
  const user = await User.findOne({ where: { tid: who.tid, oid: who.oid }, attributes: [...USER_ATTRIBUTES], raw: true, transaction });
  if (!user) return null;
  const membership = await Membership.findOne({ where: { userId: user.id }, attributes: ["organizationId", "isAdmin"], raw: true, transaction });
  const organization = membership
    ? await Organization.findByPk(membership.organizationId, { attributes: [...ORGANIZATION_ATTRIBUTES], raw: true, transaction })
    : null;
  return {
    user: {
      ...user,
      teacherConfirmationPending: Boolean(user.teacherConfirmationPending),
      joinOfferHiddenUntil: user.joinOfferHiddenUntil ? new Date(user.joinOfferHiddenUntil) : null,
    },
    membership:
      membership && organization
        ? { isAdmin: Boolean(membership.isAdmin), organization: { ...organization, confirmSelfChosenTeachers: Boolean(organization.confirmSelfChosenTeachers) } }
        : null,
  };
}

/** The caller's account, or a 404 telling the client to start a session first. */
export async function requireAccount(store: Store, who: { tid: string; oid: string }, transaction?: Transaction): Promise<Account> {
  const account = await loadAccount(store, who, transaction);
  if (!account) throw notFound("account_not_found", "There is no account for you yet: sign in with POST /api/session first.");
  return account;
}
