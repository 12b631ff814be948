import { isUniqueViolation } from "../../store/store.js";
import type { CommandContext } from "../command-context.js";
import type { ProvisioningScope } from "./provisioning-scope.js";
import { loadProvisionedUser, type LoadProvisionedUser, type ProvisionedUser } from "./provisioned-users.js";
import { rememberLeaver, setProvisionedMembership } from "./provisioned-membership.js";
import { mutability, uniqueness, userNotFound } from "./scim-problems.js";

/** The attributes RosterLink keeps from a SCIM user; everything else Entra sends is accepted and dropped. */
export interface ProvisionedAttributes {
  userName: string;
  displayName: string;
  active: boolean;
}

/** A SCIM user as POST and PUT send it, reduced to what RosterLink keeps (api/scim/scim-user-body.ts). */
export interface ProvisionedUserBody extends ProvisionedAttributes {
  oid: string;
}

export interface CreateProvisionedUser extends ProvisionedUserBody {
  scope: ProvisioningScope;
}

/**
 * `POST /Users`: a person of the secret's tenant, matched by (tid, oid) so their later sign-in finds this
 * account. A person Entra deleted earlier comes back (the account never went away); anyone else who
 * already exists is a uniqueness conflict, as RFC 7644 asks.
 */
export async function createProvisionedUser(ctx: CommandContext<"store" | "now">, input: CreateProvisionedUser): Promise<ProvisionedUser> {
  const now = ctx.now();
  const { store } = ctx;
  const { scope } = input;
  const { User, ProvisioningLeaver } = store.models;
  const oid = input.oid.toLowerCase();
  try {
    const id = await store.transaction(async (transaction) => {
      let user = await User.findOne({ where: { tid: scope.tid, oid }, transaction });
      if (user) {
        const leaver = await ProvisioningLeaver.findOne({ where: { organizationId: scope.organizationId, userId: user.id }, transaction });
        if (!leaver?.deletedAt) throw uniqueness("A user with this externalId already exists.");
        await leaver.update({ deletedAt: null }, { transaction });
        await user.update({ email: input.userName, displayName: input.displayName }, { transaction });
      } else {
        user = await User.create({ tid: scope.tid, oid, email: input.userName, displayName: input.displayName }, { transaction });
      }
      await setProvisionedMembership({ store }, { scope, person: user, active: input.active }, now, transaction);
      return user.id;
    });
    return await loadProvisionedUser({ store }, { scope, id });
  } catch (error) {
    // A sign-in of the same person may have created the account a moment earlier.
    if (isUniqueViolation(error)) throw uniqueness("A user with this externalId already exists.");
    throw error;
  }
}

export interface ChangeProvisionedUser {
  scope: ProvisioningScope;
  id: string;
  /** When given (PUT, or a PATCH of externalId), it must be the same person: an object id never changes. */
  oid?: string;
  change: Partial<ProvisionedAttributes>;
}

/** `PUT` and `PATCH /Users/:id`: updates the kept attributes and the membership in one transaction. */
export async function changeProvisionedUser(ctx: CommandContext<"store" | "now">, input: ChangeProvisionedUser): Promise<ProvisionedUser> {
  const now = ctx.now();
  const { store } = ctx;
  const { scope } = input;
  await store.transaction(async (transaction) => {
    const current = await loadProvisionedUser({ store }, { scope, id: input.id }, transaction);
    if (input.oid !== undefined && input.oid.toLowerCase() !== current.oid) {
      throw mutability("externalId is the person's Entra object id and cannot change.");
    }
    const user = await store.models.User.findByPk(current.id, { transaction });
    if (!user) throw userNotFound();
    const { userName, displayName, active } = input.change;
    const fields: { email?: string; displayName?: string } = {};
    if (userName !== undefined && userName !== user.email) fields.email = userName;
    if (displayName !== undefined && displayName !== user.displayName) fields.displayName = displayName;
    if (Object.keys(fields).length > 0) await user.update(fields, { transaction });
    if (active !== undefined) await setProvisionedMembership({ store }, { scope, person: user, active }, now, transaction);
  });
  return loadProvisionedUser({ store }, { scope, id: input.id });
}

/**
 * `DELETE /Users/:id`: the membership goes (as Remove does), the account stays the person's, and SCIM
 * answers 404 for it from now on.
 */
export async function deleteProvisionedUser(ctx: CommandContext<"store" | "now">, input: LoadProvisionedUser): Promise<void> {
  const now = ctx.now();
  const { store } = ctx;
  const { scope } = input;
  await store.transaction(async (transaction) => {
    const current = await loadProvisionedUser({ store }, input, transaction);
    const user = await store.models.User.findByPk(current.id, { attributes: ["id", "displayName", "accountType"], transaction, raw: true });
    if (!user) throw userNotFound();
    // One instant for both facts: the person left and was deleted at the same moment.
    await setProvisionedMembership({ store }, { scope, person: user, active: false }, now, transaction);
    await rememberLeaver({ store }, { scope, userId: user.id, deletedAt: now }, transaction);
  });
}
