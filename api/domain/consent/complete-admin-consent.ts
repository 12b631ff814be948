import { Op, type Transaction } from "sequelize";
import type { ConsentOutcome } from "../../../contract/microsoft365.js";
import type { AppContext } from "../../context.js";
import type { ConsentStateRow } from "../../store/models.js";
import { recordAudit } from "../audit.js";
import { grantsRoster, shortScopeNames } from "../tenant-links/permissions.js";
import { aadstsCodeOf, outcomeOfConsentError } from "./consent-error-outcome.js";
import { hashConsentState } from "./start-admin-consent.js";

/** The query Entra sends back to the redirect URI (SPEC §3.4). Every field is untrusted. */
export interface AdminConsentAnswer {
  adminConsent?: string;
  tenant?: string;
  scope?: string;
  state?: string;
  error?: string;
  errorDescription?: string;
}

type Verdict = { outcome: ConsentOutcome; reason: string; details?: Record<string, unknown> };

const clip = (value: string | undefined, max: number) => (value === undefined ? undefined : value.slice(0, max));

/**
 * Completes an admin consent: `error` first, then the state (consumed with one conditional UPDATE, so
 * of two concurrent callbacks only one can win), then the tenant. Success activates the link with the
 * granted scopes. Every outcome — granted or refused, with a reason — is audited in the same transaction.
 */
export async function completeAdminConsent(deps: AppContext, answer: AdminConsentAnswer): Promise<ConsentOutcome> {
  const { ConsentState } = deps.store.models;
  const now = deps.now();
  const stateHash = answer.state ? hashConsentState(answer.state) : null;

  return deps.store.transaction(async (transaction) => {
    const stored = stateHash ? await ConsentState.findOne({ where: { stateHash }, transaction, raw: true }) : null;
    // Consuming is one statement whose WHERE holds every condition: the row count says who won.
    const [consumed] = stored
      ? await ConsentState.update(
          { usedAt: now },
          { where: { stateHash: stored.stateHash, usedAt: { [Op.is]: null }, expiresAt: { [Op.gt]: now } }, transaction },
        )
      : [0];

    const verdict = await judge(deps, answer, stored, consumed === 1, transaction);
    await recordAudit(
      deps.store.models,
      {
        organizationId: stored?.organizationId ?? null,
        actor: { userId: stored?.initiatedByUserId ?? null, name: await initiatorName(deps, stored, transaction) },
        action: verdict.outcome === "granted" || verdict.outcome === "granted_without_roster" ? "tenant.consent_granted" : "tenant.consent_refused",
        channel: "consent",
        target: { type: "tenant", id: stored?.tid ?? clip(answer.tenant, 64) ?? "unknown" },
        details: { outcome: verdict.outcome, reason: verdict.reason, purpose: stored?.purpose ?? null, ...verdict.details },
      },
      transaction,
    );
    deps.log.info({ outcome: verdict.outcome, reason: verdict.reason, organizationId: stored?.organizationId, tid: stored?.tid }, "admin consent answered");
    return verdict.outcome;
  });
}

async function judge(
  deps: AppContext,
  answer: AdminConsentAnswer,
  stored: ConsentStateRow | null,
  consumed: boolean,
  transaction: Transaction,
): Promise<Verdict> {
  if (answer.error) {
    const code = aadstsCodeOf(answer.errorDescription);
    return { ...outcomeOfConsentError(answer.error, code), details: { error: clip(answer.error, 64), aadsts: code } };
  }
  if (!answer.state) return { outcome: "invalid_state", reason: "missing_state" };
  if (!stored) return { outcome: "invalid_state", reason: "unknown_state" };
  if (!consumed) {
    // Re-read: a concurrent callback may have used the state after it was first read.
    const current = await deps.store.models.ConsentState.findOne({ where: { stateHash: stored.stateHash }, attributes: ["usedAt"], transaction, raw: true });
    return current?.usedAt
      ? { outcome: "invalid_state", reason: "reused_state" }
      : { outcome: "expired_state", reason: "expired_state" };
  }
  const returnedTenant = (answer.tenant ?? "").toLowerCase();
  if (returnedTenant !== stored.tid) {
    // The admin signed in to another tenant than the one the link is for (SPEC §3.4).
    return { outcome: "tenant_mismatch", reason: "tenant_mismatch", details: { returnedTenant: clip(returnedTenant, 64) } };
  }
  if (answer.adminConsent?.toLowerCase() !== "true") return { outcome: "error", reason: "consent_not_confirmed" };

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
  };
}

async function initiatorName(deps: AppContext, stored: ConsentStateRow | null, transaction: Transaction): Promise<string | null> {
  if (!stored?.initiatedByUserId) return null;
  const user = await deps.store.models.User.findByPk(stored.initiatedByUserId, { attributes: ["displayName"], transaction, raw: true });
  return user?.displayName ?? null;
}
