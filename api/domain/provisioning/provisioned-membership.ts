import type { Transaction } from "sequelize";
import { conflict } from "../../errors.js";
import type { CommandContext } from "../command-context.js";
import { recordAudit } from "../audit-log/record-audit.js";
import { lockOrgAdmins } from "../members/lock-org-admins.js";
import type { ProvisioningScope } from "./provisioning-scope.js";
import { uniqueness } from "./scim-problems.js";

/** How Entra's requests appear in Activity: no RosterLink user acted, the school's directory did. */
export const PROVISIONING_ACTOR = { userId: null, name: "Microsoft Entra provisioning" };

interface Person {
  id: string;
  displayName: string;
  accountType: string | null;
}

export interface ProvisionedMembership {
  scope: ProvisioningScope;
  person: Person;
  /** SCIM's `active`: a member of the scope's organization, or not. */
  active: boolean;
}

/**
 * Makes `active` true or false for one person, inside the caller's transaction: a member joins (via
 * "provisioning") or leaves, exactly as an admin's approve or Remove would, with the channel
 * "provisioning" in the audit. A leaver is remembered so their next sign-in does not put them back.
 * A helper of the SCIM write commands: `now` is their instant, so a delete's leftAt and deletedAt agree.
 */
export async function setProvisionedMembership(
  { store }: CommandContext,
  input: ProvisionedMembership,
  now: Date,
  transaction: Transaction,
): Promise<void> {
  const { scope, person, active } = input;
  const { Membership, ProvisioningLeaver } = store.models;
  const membership = await Membership.findOne({ where: { userId: person.id }, transaction });
  if (active) {
    if (membership?.organizationId === scope.organizationId) return;
    if (membership) throw uniqueness("This person already belongs to another organization in RosterLink.");
    // Someone Entra sends before their first sign-in has no type yet: detection runs at that sign-in,
    // the one moment Graph may be read (a re-check request, as an admin's would be).
    const accountTypeRecheck = person.accountType ? null : "keep_admin_set";
    await Membership.create({ organizationId: scope.organizationId, userId: person.id, isAdmin: false, joinedVia: "provisioning", accountTypeRecheck }, { transaction });
    await ProvisioningLeaver.update({ leftAt: null }, { where: { organizationId: scope.organizationId, userId: person.id }, transaction });
    await recordAudit(
      store.models,
      {
        organizationId: scope.organizationId,
        actor: PROVISIONING_ACTOR,
        action: "member.joined",
        channel: "provisioning",
        target: { type: "user", id: person.id },
        details: { via: "provisioning", tid: scope.tid, accountType: person.accountType },
      },
      transaction,
    );
    return;
  }
  if (!membership || membership.organizationId !== scope.organizationId) return;
  if (membership.isAdmin) {
    const admins = await lockOrgAdmins(store, scope.organizationId, transaction);
    if (admins.size <= 1) {
      throw conflict("last_admin", "This person is the organization's last admin in RosterLink: name another admin there first.");
    }
  }
  await membership.destroy({ transaction });
  await rememberLeaver({ store }, { scope, userId: person.id, leftAt: now }, transaction);
  await recordAudit(
    store.models,
    {
      organizationId: scope.organizationId,
      actor: PROVISIONING_ACTOR,
      action: "member.removed",
      channel: "provisioning",
      target: { type: "user", id: person.id },
      details: { via: "provisioning", displayName: person.displayName, accountType: person.accountType, wasAdmin: membership.isAdmin },
    },
    transaction,
  );
}

/** One leaver row per (organization, person); later facts update it. */
export async function rememberLeaver(
  { store }: CommandContext,
  input: { scope: ProvisioningScope; userId: string; leftAt?: Date; deletedAt?: Date | null },
  transaction: Transaction,
): Promise<void> {
  const { scope, userId, ...facts } = input;
  const { ProvisioningLeaver } = store.models;
  const existing = await ProvisioningLeaver.findOne({ where: { organizationId: scope.organizationId, userId }, transaction });
  if (existing) await existing.update(facts, { transaction });
  else await ProvisioningLeaver.create({ organizationId: scope.organizationId, userId, leftAt: facts.leftAt ?? null, deletedAt: facts.deletedAt ?? null }, { transaction });
}
