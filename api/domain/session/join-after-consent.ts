import { Op } from "sequelize";
import type { Account, AccountOrganization } from "./load-account.js";
import { loadAccount } from "./load-account.js";
import { recordAudit } from "../audit.js";
import { isTeacherLike } from "./account-types.js";
import { detectForTenant, type CreateAccount, type CreateAccountDeps } from "./create-account.js";
import { loadTenantOrganization, mayJoinTenantOrganization } from "./tenant-organization.js";

export interface AfterConsent {
  /** The account, joined if the tenant is active now. */
  account: Account;
  /** The organization the person will join once consent is granted; null when they joined or wait for nothing. */
  awaiting: AccountOrganization | null;
}

/**
 * SPEC §3.5: someone whose account was created by a sign-in while their tenant's link awaited consent
 * joins the organization at their first sign-in after consent, with detection run then. A type the
 * person chose meanwhile stands (no Graph read for it). The waiting row is marked by a conditional
 * update inside the join's transaction, and memberships are unique per user, so concurrent sign-ins
 * join once; every caller then reads the same rows.
 */
export async function joinAfterConsent(deps: CreateAccountDeps, input: CreateAccount, account: Account): Promise<AfterConsent> {
  const { TenantJoinWait, Membership, User } = deps.store.models;
  const wait = await TenantJoinWait.findOne({ where: { userId: account.user.id }, attributes: ["id", "organizationId", "joinedAt"], raw: true });
  const unchanged = { account, awaiting: null };
  if (!wait) return unchanged;
  // Another sign-in of the same person joined between their account read and this one.
  if (wait.joinedAt) return { account: (await loadAccount(deps.store, input.identity)) ?? account, awaiting: null };
  const tenant = mayJoinTenantOrganization(input.identity) ? await loadTenantOrganization(deps.store, input.identity.tid) : null;
  if (!tenant || tenant.organization.id !== wait.organizationId) return unchanged;
  if (tenant.link.status !== "active") return { account, awaiting: tenant.organization };

  const detected = account.user.accountType === null ? await detectForTenant(deps, input, tenant) : null;
  const chosenTeacher = account.user.accountType !== null && account.user.accountTypeSource === "user_choice" && isTeacherLike(account.user.accountType);

  const joined = await deps.store.transaction(async (transaction) => {
    const [consumed] = await TenantJoinWait.update({ joinedAt: new Date() }, { where: { id: wait.id, joinedAt: { [Op.is]: null } }, transaction });
    if (consumed === 0) return false;
    if (await Membership.findOne({ where: { userId: account.user.id }, attributes: ["id"], transaction, raw: true })) return false;
    if (detected) {
      await User.update({ accountType: detected.accountType, accountTypeSource: detected.source }, { where: { id: account.user.id, accountType: null }, transaction });
    } else if (chosenTeacher && tenant.organization.confirmSelfChosenTeachers) {
      // A self-chosen teacher waits for the organization's confirmation, as when choosing inside it.
      await User.update({ teacherConfirmationPending: true }, { where: { id: account.user.id }, transaction });
    }
    await Membership.create({ organizationId: tenant.organization.id, userId: account.user.id, isAdmin: false, joinedVia: "auto_join_after_consent" }, { transaction });
    await recordAudit(
      deps.store.models,
      {
        organizationId: tenant.organization.id,
        actor: { userId: account.user.id, name: account.user.displayName },
        action: "member.joined",
        channel: "system",
        target: { type: "user", id: account.user.id },
        details: {
          via: "auto_join_after_consent",
          accountType: detected?.accountType ?? account.user.accountType,
          accountTypeSource: detected?.source ?? account.user.accountTypeSource,
        },
      },
      transaction,
    );
    return true;
  });
  if (joined) deps.log.info({ tid: input.identity.tid, accountTypeSource: detected?.source ?? null }, "joined after consent");
  return { account: (await loadAccount(deps.store, input.identity)) ?? account, awaiting: null };
}
