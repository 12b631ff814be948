import type { Identity } from "../../auth/identity.js";
import type { AccountTypeDetector, DetectionOutcome } from "../../graph/detect-account-type.js";
import type { Logger } from "../../log.js";
import type { Store } from "../../store/store.js";
import type { AccountType, AccountTypeRecheck, AccountTypeSource } from "../../store/types.js";
import { recordAudit } from "../audit-log/record-audit.js";
import { markTenantLinkNeedsAttention } from "../tenant-links/mark-needs-attention.js";
import { forOrganizationKind } from "./account-types.js";
import { loadAccount, type Account, type AccountOrganization } from "./load-account.js";
import { loadTenantOrganization } from "./tenant-organization.js";

export interface RecheckAccountType {
  identity: Identity;
  detector: AccountTypeDetector;
}

/** What a re-check did, as the audit row tells it. */
export type RecheckOutcome = "changed" | "unchanged" | "kept_admin_set" | "no_signal" | "consent_missing";

type Detection = { outcome: "detected"; accountType: AccountType; source: AccountTypeSource } | { outcome: Exclude<RecheckOutcome, "changed" | "unchanged"> };

/**
 * An admin asked for this member's type to be detected again (docs/spec.md §4, §5): it runs now, at
 * the person's own sign-in, over on-behalf-of with their token — the only moment Graph may be read,
 * and no permission beyond sign-up's. A type an admin set by hand stays unless the admin chose to
 * replace it. Graph being unavailable leaves the request in place for the next sign-in; anything
 * else settles it. The request is claimed by a conditional update, so two sign-ins at once apply
 * and audit it once, and an admin's new request made meanwhile is not lost.
 */
export async function recheckAccountType(deps: { store: Store; log: Logger }, input: RecheckAccountType, account: Account): Promise<Account> {
  const membership = account.membership;
  const recheck = membership?.accountTypeRecheck;
  if (!membership || !recheck) return account;
  const organization = membership.organization;

  const detection = keepsAdminSet(recheck, account.user.accountTypeSource)
    ? ({ outcome: "kept_admin_set" } as const)
    : await detectAgain(deps, input, organization);
  if (!detection) {
    deps.log.info({ userId: account.user.id }, "account type re-check postponed: Graph did not answer");
    return account;
  }

  const { User, Membership } = deps.store.models;
  const applied = await deps.store.transaction(async (transaction) => {
    const [claimed] = await Membership.update(
      { accountTypeRecheck: null },
      { where: { userId: account.user.id, organizationId: organization.id, accountTypeRecheck: recheck }, transaction },
    );
    if (claimed === 0) return null;
    const user = await User.findByPk(account.user.id, { transaction });
    if (!user) return null;
    const before = { accountType: user.accountType, source: user.accountTypeSource };
    let outcome: RecheckOutcome = detection.outcome === "detected" ? "unchanged" : detection.outcome;
    if (detection.outcome === "detected" && keepsAdminSet(recheck, user.accountTypeSource)) {
      // An admin set the type by hand while the detection ran.
      outcome = "kept_admin_set";
    } else if (detection.outcome === "detected" && (before.accountType !== detection.accountType || before.source !== detection.source)) {
      await user.update({ accountType: detection.accountType, accountTypeSource: detection.source, teacherConfirmationPending: false }, { transaction });
      outcome = "changed";
    }
    await recordAudit(
      deps.store.models,
      {
        organizationId: organization.id,
        actor: { userId: user.id, name: user.displayName },
        action: "member.account_type_rechecked",
        channel: "system",
        target: { type: "user", id: user.id },
        details: {
          displayName: user.displayName,
          outcome,
          replaceAdminSet: recheck === "replace_admin_set",
          before,
          after: { accountType: user.accountType, source: user.accountTypeSource },
          // The Activity page shows changed fields as from → to.
          ...(outcome === "changed"
            ? { accountType: { from: before.accountType, to: user.accountType }, accountTypeSource: { from: before.source, to: user.accountTypeSource } }
            : {}),
        },
      },
      transaction,
    );
    return outcome;
  });
  deps.log.info({ userId: account.user.id, outcome: applied ?? "already_done" }, "account type re-checked");
  return (await loadAccount(deps.store, input.identity)) ?? account;
}

const keepsAdminSet = (recheck: AccountTypeRecheck, source: AccountTypeSource | null) => recheck === "keep_admin_set" && source === "admin";

/** The sign-up detection again, with the organization's rules; null when Graph gave no answer in time. */
async function detectAgain(deps: { store: Store; log: Logger }, input: RecheckAccountType, organization: AccountOrganization): Promise<Detection | null> {
  // Personal accounts and guests are never typed from a directory (docs/spec.md §4).
  if (input.identity.personal || input.identity.guest) return { outcome: "no_signal" };
  const rules = await deps.store.models.AccountTypeRule.findAll({
    where: { organizationId: organization.id },
    attributes: ["groupId", "accountType", "priority"],
    order: [["createdAt", "ASC"]],
    raw: true,
  });
  const tenant = await loadTenantOrganization(deps.store, input.identity.tid);
  // Roster data is asked only of a tenant that granted it to this organization.
  const rosterAccess = tenant?.organization.id === organization.id && tenant.link.status === "active" && tenant.link.rosterAccess;
  const found: DetectionOutcome = await input.detector.detect({ tid: input.identity.tid, userToken: input.identity.token, rules, rosterAccess });
  if (found.kind === "detected") {
    return { outcome: "detected", accountType: forOrganizationKind(found.accountType, organization.kind), source: found.source };
  }
  if (found.kind === "consent_missing") {
    await markTenantLinkNeedsAttention(deps, { tid: input.identity.tid, code: found.code });
    return { outcome: "consent_missing" };
  }
  // A re-check Conditional Access stops is tried again at a later sign-in, as when Graph is down.
  if (found.kind === "interaction_required") return null;
  return found.reason === "graph_unavailable" ? null : { outcome: "no_signal" };
}
