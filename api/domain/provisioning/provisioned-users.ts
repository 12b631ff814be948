import { Op, fn, col, where as sqlWhere, literal, type Transaction, type WhereOptions } from "sequelize";
import { isGuid } from "../../../contract/guid.js";
import type { Store } from "../../store/store.js";
import type { UserRow } from "../../store/models.js";
import type { ProvisioningScope } from "./provisioning-scope.js";
import { userNotFound } from "./scim-problems.js";
import type { CommandContext } from "../command-context.js";

/** A user as SCIM sees them: only what RosterLink keeps (docs/spec.md §4), with `active` meaning "a member". */
export interface ProvisionedUser {
  id: string;
  /** Entra's object id, which SCIM calls externalId. */
  oid: string;
  /** The sign-in name (UPN); RosterLink keeps it as the address shown for the person. */
  userName: string;
  displayName: string;
  active: boolean;
  created: Date;
  lastModified: Date;
}

export type UserFilter = { attribute: "userName" | "externalId"; value: string };

const toDate = (value: Date | string) => (value instanceof Date ? value : new Date(value));

/**
 * The users a secret may see: people of its tenant (whoever created the account, a sign-in or Entra),
 * minus those Entra deleted for this organization. Other tenants' people do not exist here (404).
 */
export function visibleUsers(store: Store, scope: ProvisioningScope): WhereOptions<UserRow> {
  const org = store.sequelize.escape(scope.organizationId);
  return {
    tid: scope.tid,
    id: { [Op.notIn]: literal(`(SELECT user_id FROM provisioning_leavers WHERE organization_id = ${org} AND deleted_at IS NOT NULL)`) },
  };
}

const USER_ATTRIBUTES = ["id", "oid", "email", "displayName", "createdAt", "updatedAt"] as const;

async function present(store: Store, scope: ProvisioningScope, users: Array<Pick<UserRow, (typeof USER_ATTRIBUTES)[number]>>, transaction?: Transaction): Promise<ProvisionedUser[]> {
  if (users.length === 0) return [];
  const members = await store.models.Membership.findAll({
    where: { organizationId: scope.organizationId, userId: users.map((u) => u.id) },
    attributes: ["userId"],
    raw: true,
    transaction,
  });
  const active = new Set(members.map((m) => m.userId));
  return users.map((u) => ({
    id: u.id,
    oid: u.oid,
    userName: u.email ?? "",
    displayName: u.displayName,
    active: active.has(u.id),
    created: toDate(u.createdAt),
    lastModified: toDate(u.updatedAt),
  }));
}

export interface LoadProvisionedUser {
  scope: ProvisioningScope;
  /** The RosterLink user id from the URL. */
  id: string;
}

/**
 * One visible user by RosterLink id; 404 for anything else, including another organization's people. The
 * write commands read through it inside their own transaction.
 */
export async function loadProvisionedUser({ store }: CommandContext, input: LoadProvisionedUser, transaction?: Transaction): Promise<ProvisionedUser> {
  const { scope, id } = input;
  if (!isGuid(id)) throw userNotFound();
  const user = await store.models.User.findOne({
    where: { [Op.and]: [visibleUsers(store, scope), { id: id.toLowerCase() }] } as WhereOptions<UserRow>,
    attributes: [...USER_ATTRIBUTES],
    raw: true,
    transaction,
  });
  if (!user) throw userNotFound();
  return (await present(store, scope, [user], transaction))[0]!;
}

export interface ListProvisionedUsers {
  scope: ProvisioningScope;
  filter: UserFilter | null;
  /** 1-based, as SCIM counts. */
  startIndex: number;
  count: number;
}

/** `GET /Users`: filtered by userName (case-insensitive, as Entra matches) or externalId, paged by index. */
export async function listProvisionedUsers({ store }: CommandContext, input: ListProvisionedUsers): Promise<{ total: number; users: ProvisionedUser[] }> {
  const { scope } = input;
  const base = visibleUsers(store, scope);
  let whereClause: WhereOptions<UserRow> = base;
  if (input.filter?.attribute === "externalId") {
    whereClause = { [Op.and]: [base, { oid: input.filter.value.toLowerCase() }] };
  } else if (input.filter?.attribute === "userName") {
    whereClause = { [Op.and]: [base, sqlWhere(fn("lower", col("email")), input.filter.value.toLowerCase())] };
  }
  const total = await store.models.User.count({ where: whereClause });
  if (input.count === 0 || input.startIndex > total) return { total, users: [] };
  const rows = await store.models.User.findAll({
    where: whereClause,
    attributes: [...USER_ATTRIBUTES],
    order: [["createdAt", "ASC"], ["id", "ASC"]],
    offset: input.startIndex - 1,
    limit: input.count,
    raw: true,
  });
  return { total, users: await present(store, scope, rows) };
}
