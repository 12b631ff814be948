import { Op, type Transaction } from "sequelize";
import type { ConsentOutcome } from "../../../contract/microsoft365.js";
import type { AppContext } from "../../context.js";
import type { ConsentStateRow } from "../../store/models.js";
import { recordAudit } from "../audit-log/record-audit.js";
import { grantsRoster, permissionsFor, shortScopeNames } from "../tenant-links/permissions.js";
import { aadstsCodeOf, outcomeOfConsentError } from "./consent-error-outcome.js";
import { consentActor } from "./consent-actor.js";
import { hashConsentState, isLinkForIt } from "./start-admin-consent.js";

/** The query Entra sends back to the redirect URI (docs/spec.md §3.4). Every field is untrusted. */
export interface AdminConsentAnswer {
  adminConsent?: string;
  tenant?: string;
  scope?: string;
  state?: string;
  error?: string;
  errorDescription?: string;
}

/** What the page after Microsoft's can say: only facts the server holds, never values from the request. */
export interface ConsentResult {
  outcome: ConsentOutcome;
  /** True for the link for IT, whose last page is RosterLink's own outcome page (no account needed). */
  linkForIt: boolean;
  organizationName: string | null;
  tenantLabel: string | null;
  /** Granted permissions with why, on success. */
  granted: Array<{ scope: string; why: string }>;
  /** The link is active now (an IT admin re-opening a used link learns there is nothing left to do). */
  linkActive: boolean;
}

type Verdict = { outcome: ConsentOutcome; reason: string; details?: Record<string, unknown>; granted?: string[] };

const clip = (value: string | undefined, max: number) => (value === undefined ? undefined : value.slice(0, max));
const GRANTED: ConsentOutcome[] = ["granted", "granted_without_roster"];

/**
 * Completes an admin consent: `error` first, then the state, then the tenant. A pop-up's state is
 * consumed by whatever comes back (single use); the link for IT only by a success, so failed and
 * declined tries can be repeated for 7 days. Consuming is one conditional UPDATE, so of two concurrent
 * callbacks only one can win. Success activates the link with the granted scopes. Every outcome is
 * audited in the same transaction, credited to whoever could have given it.
 */
export async function completeAdminConsent(deps: AppContext, answer: AdminConsentAnswer): Promise<ConsentResult> {
  const { ConsentState } = deps.store.models;
  const now = deps.now();
  const stateHash = answer.state ? hashConsentState(answer.state) : null;

  return deps.store.transaction(async (transaction) => {
    const stored = stateHash ? await ConsentState.findOne({ where: { stateHash }, transaction, raw: true }) : null;
    const consume = async () =>
      stored
        ? (await ConsentState.update(
            { usedAt: now },
            { where: { stateHash: stored.stateHash, usedAt: { [Op.is]: null }, expiresAt: { [Op.gt]: now } }, transaction },
          ))[0] === 1
        : false;
    const linkForIt = stored !== null && isLinkForIt(stored.purpose);
    const consumed = linkForIt ? null : await consume();

    const verdict = await judge(deps, answer, stored, consumed ?? consume, transaction);
    const link = stored ? await deps.store.models.TenantLink.findOne({ where: { organizationId: stored.organizationId, tid: stored.tid }, transaction, raw: true }) : null;
    const tenantLabel = link?.domain ?? stored?.tid ?? null;
    const succeeded = GRANTED.includes(verdict.outcome);
    await recordAudit(
      deps.store.models,
      {
        organizationId: stored?.organizationId ?? null,
        actor: await consentActor(deps, { stored, linkForIt, succeeded, tenantLabel }, transaction),
        action: succeeded ? "tenant.consent_granted" : "tenant.consent_refused",
        channel: "consent",
        target: { type: "tenant", id: stored?.tid ?? clip(answer.tenant, 64) ?? "unknown" },
        details: { outcome: verdict.outcome, reason: verdict.reason, purpose: stored?.purpose ?? null, ...verdict.details },
      },
      transaction,
    );
    deps.log.info({ outcome: verdict.outcome, reason: verdict.reason, organizationId: stored?.organizationId, tid: stored?.tid }, "admin consent answered");
    const organization = stored ? await deps.store.models.Organization.findByPk(stored.organizationId, { attributes: ["name", "kind"], transaction, raw: true }) : null;
    return {
      outcome: verdict.outcome,
      linkForIt,
      organizationName: organization?.name ?? null,
      tenantLabel,
      granted: succeeded
        ? permissionsFor(Boolean(link?.rosterRequested), verdict.granted ?? [], true, organization?.kind).filter((p) => p.granted).map(({ scope, why }) => ({ scope, why }))
        : [],
      linkActive: link?.status === "active",
    };
  });
}

async function judge(
  deps: AppContext,
  answer: AdminConsentAnswer,
  stored: ConsentStateRow | null,
  consumed: boolean | (() => Promise<boolean>),
  transaction: Transaction,
): Promise<Verdict> {
  if (answer.error) {
    const code = aadstsCodeOf(answer.errorDescription);
    return { ...outcomeOfConsentError(answer.error, code), details: { error: clip(answer.error, 64), aadsts: code } };
  }
  if (!answer.state) return { outcome: "invalid_state", reason: "missing_state" };
  if (!stored) return { outcome: "invalid_state", reason: "unknown_state" };
  const stale = async (): Promise<Verdict> => {
    // Re-read: a concurrent callback may have used the state after it was first read.
    const current = await deps.store.models.ConsentState.findOne({ where: { stateHash: stored.stateHash }, attributes: ["usedAt"], transaction, raw: true });
    return current?.usedAt ? { outcome: "invalid_state", reason: "reused_state" } : { outcome: "expired_state", reason: "expired_state" };
  };
  if (consumed === false) return stale();
  const stillValid = stored.usedAt === null && new Date(stored.expiresAt).getTime() > deps.now().getTime();
  if (!stillValid) return stale();

  const returnedTenant = (answer.tenant ?? "").toLowerCase();
  if (returnedTenant !== stored.tid) {
    // The admin signed in to another tenant than the one the link is for (docs/spec.md §3.4).
    return { outcome: "tenant_mismatch", reason: "tenant_mismatch", details: { returnedTenant: clip(returnedTenant, 64) } };
  }
  if (answer.adminConsent?.toLowerCase() !== "true") return { outcome: "error", reason: "consent_not_confirmed" };
  // The link for IT is used up only now, by a success; the row count says which of two callbacks won.
  if (typeof consumed === "function" && !(await consumed())) return stale();

  const link = await deps.store.models.TenantLink.findOne({ where: { organizationId: stored.organizationId, tid: stored.tid }, transaction });
  if (!link) return { outcome: "error", reason: "link_removed" };
  const grantedScopes = shortScopeNames(answer.scope ?? "");
  const rosterAccess = Boolean(link.rosterRequested) && grantsRoster(grantedScopes);
  await link.update(
    { status: "active", grantedScopes: grantedScopes.join(" "), rosterAccess, attentionCode: null, consentedAt: deps.now() },
    { transaction },
  );
  return {
    outcome: rosterAccess ? "granted" : "granted_without_roster",
    reason: "consented",
    details: { grantedScopes, rosterAccess },
    granted: grantedScopes,
  };
}
