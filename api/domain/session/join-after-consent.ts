import { setTimeout as sleep } from "node:timers/promises";
import { Op } from "sequelize";
import type { Account, AccountOrganization } from "./load-account.js";
import { loadAccount } from "./load-account.js";
import { recordAudit } from "../audit-log/record-audit.js";
import { isTeacherLike } from "./account-types.js";
import { detectForTenant, type CreateAccount, type CreateAccountDeps } from "./create-account.js";
import { loadTenantOrganization, mayJoinTenantOrganization } from "./tenant-organization.js";

export interface AfterConsent {
  /** The account, joined if the tenant is active now. */
  account: Account;
  /** The organization the person will join once consent is granted; null when they joined or wait for nothing. */
  awaiting: AccountOrganization | null;
}

/** Longer than detection's Graph budget: a claim outlives the sign-in that holds it only if that one crashed. */
const CLAIM_MS = 15_000;
/** How long a concurrent sign-in of the same person waits for the one that detects, before answering as it is. */
const WAIT_FOR_JOIN_MS = 10_000;
const POLL_MS = 100;

/**
 * docs/spec.md §3.5: someone whose account was created by a sign-in while their tenant's link awaited consent
 * joins the organization at their first sign-in after consent, with detection run then. A type the
 * person chose meanwhile stands (no Graph read for it). Concurrent sign-ins of the same person: one
 * claims the waiting row and detects (Graph is read once); the others wait for its join and read the
 * same rows. The join itself is a conditional update of the row plus the unique membership per user,
 * so it happens once even if a claim ran out.
 */
export async function joinAfterConsent(deps: CreateAccountDeps, input: CreateAccount, account: Account): Promise<AfterConsent> {
  const { TenantJoinWait } = deps.store.models;
  const wait = await TenantJoinWait.findOne({ where: { userId: account.user.id }, attributes: ["id", "organizationId", "joinedAt"], raw: true });
  const unchanged = { account, awaiting: null };
  if (!wait) return unchanged;
  const reread = async () => ({ account: (await loadAccount(deps.store, input.identity)) ?? account, awaiting: null });
  // Another sign-in of the same person joined between their account read and this one.
  if (wait.joinedAt) return reread();
  const tenant = mayJoinTenantOrganization(input.identity) ? await loadTenantOrganization(deps.store, input.identity.tid) : null;
  if (!tenant || tenant.organization.id !== wait.organizationId) return unchanged;
  if (tenant.link.status !== "active") return { account, awaiting: tenant.organization };

  const now = new Date();
  const [claimed] = await TenantJoinWait.update(
    { claimedUntil: new Date(now.getTime() + CLAIM_MS) },
    { where: { id: wait.id, joinedAt: { [Op.is]: null }, [Op.or]: [{ claimedUntil: { [Op.is]: null } }, { claimedUntil: { [Op.lt]: now } }] } },
  );
  if (claimed === 0) return (await waitForJoin(deps, wait.id)) ? reread() : unchanged;

  const detected = account.user.accountType === null ? await detectForTenant(deps, input, tenant) : null;
  const joined = await join(deps, { waitId: wait.id, account, tenant, detected });
  if (joined) deps.log.info({ tid: input.identity.tid, accountTypeSource: detected?.source ?? null }, "joined after consent");
  return reread();
}

async function waitForJoin(deps: CreateAccountDeps, waitId: string): Promise<boolean> {
  for (let waited = 0; waited < WAIT_FOR_JOIN_MS; waited += POLL_MS) {
    await sleep(POLL_MS);
    const row = await deps.store.models.TenantJoinWait.findByPk(waitId, { attributes: ["joinedAt"], raw: true });
    if (!row || row.joinedAt) return true;
  }
  return false;
}

async function join(
  deps: CreateAccountDeps,
  input: {
    waitId: string;
    account: Account;
    tenant: NonNullable<Awaited<ReturnType<typeof loadTenantOrganization>>>;
    detected: Awaited<ReturnType<typeof detectForTenant>>;
  },
): Promise<boolean> {
  const { TenantJoinWait, Membership, User } = deps.store.models;
  const { account, tenant, detected } = input;
  const chosenTeacher = account.user.accountType !== null && account.user.accountTypeSource === "user_choice" && isTeacherLike(account.user.accountType);
  return deps.store.transaction(async (transaction) => {
    const [consumed] = await TenantJoinWait.update({ joinedAt: new Date() }, { where: { id: input.waitId, joinedAt: { [Op.is]: null } }, transaction });
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
}
