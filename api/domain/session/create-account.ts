import type { Identity } from "../../auth/identity.js";
import { InteractionRequiredError } from "../../auth/on-behalf-of.js";
import type { AccountTypeDetector } from "../../graph/detect-account-type.js";
import type { Logger } from "../../log.js";
import type { Store } from "../../store/store.js";
import { isUniqueViolation } from "../../store/store.js";
import type { AccountType, AccountTypeSource } from "../../store/types.js";
import { recordAudit } from "../audit-log/record-audit.js";
import { markTenantLinkNeedsAttention } from "../tenant-links/mark-needs-attention.js";
import { forOrganizationKind } from "./account-types.js";
import { loadAccount, type Account } from "./load-account.js";
import { dayOf } from "./record-sign-in-day.js";
import { activeTenantOrganization, awaitingTenantOrganization, type TenantOrganization } from "./tenant-organization.js";

export interface CreateAccount {
  identity: Identity;
  detector: AccountTypeDetector;
}

export interface CreateAccountDeps {
  store: Store;
  log: Logger;
  now: () => Date;
}

/**
 * A first sign-in (docs/spec.md §4). In a linked, active tenant the account type is detected first — over
 * the network, outside any transaction — and then the user, the membership and the audit row are
 * written in one transaction. Everywhere else the person gets an individual account. The (tid, oid)
 * unique index decides concurrent first sign-ins: the losers re-read what the winner wrote, so every
 * answer describes the same rows.
 */
export async function createAccount(deps: CreateAccountDeps, input: CreateAccount): Promise<Account> {
  const { identity } = input;
  const tenant = await activeTenantOrganization(deps.store, identity);
  // Conditional Access stopping the detection ends this sign-in before anything about the person is written.
  const detected = tenant ? await detectForTenant(deps, input, tenant, { refuseInteraction: true }) : null;
  // Signed in before the tenant's consent: an individual for now, who joins at the first sign-in after it.
  const awaiting = tenant ? null : await awaitingTenantOrganization(deps.store, identity);

  try {
    await deps.store.transaction(async (transaction) => {
      const { User, Membership } = deps.store.models;
      const user = await User.create(
        {
          tid: identity.tid,
          oid: identity.oid,
          // Only what docs/spec.md §4 allows: tid, oid, a display name and an email for display, the type and its source.
          displayName: identity.name || identity.username || "",
          email: identity.username || null,
          accountType: detected?.accountType ?? null,
          accountTypeSource: detected?.source ?? null,
          // This sign-in's day, written with the account: recording it afterwards cost a second transaction.
          lastSeenOn: dayOf(deps.now()),
        },
        { transaction },
      );
      if (awaiting) {
        await deps.store.models.TenantJoinWait.create({ userId: user.id, organizationId: awaiting.organization.id, tid: identity.tid }, { transaction });
      }
      if (!tenant) return;
      await Membership.create({ organizationId: tenant.organization.id, userId: user.id, isAdmin: false, joinedVia: "auto_join" }, { transaction });
      await recordAudit(
        deps.store.models,
        {
          organizationId: tenant.organization.id,
          actor: { userId: user.id, name: user.displayName },
          action: "member.joined",
          channel: "system",
          target: { type: "user", id: user.id },
          details: { via: "auto_join", accountType: user.accountType, accountTypeSource: user.accountTypeSource },
        },
        transaction,
      );
    });
    deps.log.info({ tid: identity.tid, joined: tenant !== null, accountTypeSource: detected?.source ?? null }, "account created");
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    deps.log.info({ tid: identity.tid }, "concurrent first sign-in: using the account another request created");
  }
  const account = await loadAccount(deps.store, identity);
  if (!account) throw new Error("The account vanished right after it was created");
  return account;
}

/**
 * Account type detection for a person of a linked tenant (docs/spec.md §5); null when the person must choose.
 * With `refuseInteraction`, Entra asking the person to act first (Conditional Access on on-behalf-of) throws
 * InteractionRequiredError instead: at a first sign-in the account is made only once its type can be read,
 * since the school that asks for multi-factor authentication would otherwise get self-chosen types. Elsewhere
 * (joining after consent) the person goes on with an unknown type, as when Graph does not answer.
 */
export async function detectForTenant(
  deps: CreateAccountDeps,
  input: CreateAccount,
  tenant: TenantOrganization,
  options: { refuseInteraction?: boolean } = {},
): Promise<{ accountType: AccountType; source: AccountTypeSource } | null> {
  const rules = await deps.store.models.AccountTypeRule.findAll({
    where: { organizationId: tenant.organization.id },
    attributes: ["groupId", "accountType", "priority"],
    order: [["createdAt", "ASC"]],
    raw: true,
  });
  const outcome = await input.detector.detect({
    tid: input.identity.tid,
    userToken: input.identity.token,
    rules,
    rosterAccess: tenant.link.rosterAccess,
  });
  if (outcome.kind === "consent_missing") {
    // The person still gets in, as unknown type; the school's admins see the link needs attention.
    await markTenantLinkNeedsAttention(deps, { tid: input.identity.tid, code: outcome.code });
    return null;
  }
  if (outcome.kind === "interaction_required" && options.refuseInteraction) throw new InteractionRequiredError(outcome.code, outcome.claims);
  if (outcome.kind !== "detected") return null;
  return { accountType: forOrganizationKind(outcome.accountType, tenant.organization.kind), source: outcome.source };
}
