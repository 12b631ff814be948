import type { Store } from "../../store/store.js";
import { isUniqueViolation } from "../../store/store.js";
import type { ProvisioningScope } from "./provisioning-scope.js";
import { loadProvisionedUser, type ProvisionedUser } from "./provisioned-users.js";
import { rememberLeaver, setProvisionedMembership } from "./provisioned-membership.js";
import { mutability, uniqueness, userNotFound } from "./scim-problems.js";

/** The attributes RosterLink keeps from a SCIM user; everything else Entra sends is accepted and dropped. */
export interface ProvisionedAttributes {
  userName: string;
  displayName: string;
  active: boolean;
}

export interface CreateProvisionedUser extends ProvisionedAttributes {
  oid: string;
}

/**
 * `POST /Users`: a person of the secret's tenant, matched by (tid, oid) so their later sign-in finds this
 * account. A person Entra deleted earlier comes back (the account never went away); anyone else who
 * already exists is a uniqueness conflict, as RFC 7644 asks.
 */
export async function createProvisionedUser(store: Store, scope: ProvisioningScope, input: CreateProvisionedUser, now: Date): Promise<ProvisionedUser> {
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
      await setProvisionedMembership(store, scope, user, input.active, now, transaction);
      return user.id;
    });
    return await loadProvisionedUser(store, scope, id);
  } catch (error) {
    // A sign-in of the same person may have created the account a moment earlier.
    if (isUniqueViolation(error)) throw uniqueness("A user with this externalId already exists.");
    throw error;
  }
}

export interface ChangeProvisionedUser {
  id: string;
  /** When given (PUT, or a PATCH of externalId), it must be the same person: an object id never changes. */
  oid?: string;
  change: Partial<ProvisionedAttributes>;
}

/** `PUT` and `PATCH /Users/:id`: updates the kept attributes and the membership in one transaction. */
export async function changeProvisionedUser(store: Store, scope: ProvisioningScope, input: ChangeProvisionedUser, now: Date): Promise<ProvisionedUser> {
  await store.transaction(async (transaction) => {
    const current = await loadProvisionedUser(store, scope, input.id, transaction);
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
    if (active !== undefined) await setProvisionedMembership(store, scope, user, active, now, transaction);
  });
  return loadProvisionedUser(store, scope, input.id);
}

/**
 * `DELETE /Users/:id`: the membership goes (as Remove does), the account stays the person's, and SCIM
 * answers 404 for it from now on.
 */
export async function deleteProvisionedUser(store: Store, scope: ProvisioningScope, id: string, now: Date): Promise<void> {
  await store.transaction(async (transaction) => {
    const current = await loadProvisionedUser(store, scope, id, transaction);
    const user = await store.models.User.findByPk(current.id, { attributes: ["id", "displayName", "accountType"], transaction, raw: true });
    if (!user) throw userNotFound();
    await setProvisionedMembership(store, scope, user, false, now, transaction);
    await rememberLeaver(store, scope, user.id, { deletedAt: now }, transaction);
  });
}
