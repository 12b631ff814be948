import { Op } from "sequelize";
import type { Identity } from "../../auth/identity.js";
import type { SessionResponse } from "../../../contract/session.js";
import type { AccountTypeDetector } from "../../graph/detect-account-type.js";
import type { AppContext } from "../../context.js";
import { startAdminConsent } from "../consent/start-admin-consent.js";
import { recentRejection } from "../join-requests/recent-rejection.js";
import { rejoinLeaver } from "../provisioning/rejoin-leaver.js";
import { admitFirstSignIn } from "./admit-first-sign-in.js";
import { createAccount } from "./create-account.js";
import { joinAfterConsent } from "./join-after-consent.js";
import { loadAccount, type Account } from "./load-account.js";
import { NO_EXTRAS, presentSession, type SessionExtras } from "./present-session.js";
import { recheckAccountType } from "./recheck-account-type.js";
import { dayOf, recordSignInDay } from "./record-sign-in-day.js";
import { activeTenantOrganization, isSubscriptionStudent, loadTenantOrganization } from "./tenant-organization.js";

export type SessionDeps = Pick<AppContext, "store" | "log" | "microsoft" | "publicUrl" | "now" | "metrics" | "limits">;

export interface StartSession {
  identity: Identity;
  detector: AccountTypeDetector;
}

/**
 * `POST /api/session` (docs/spec.md §4): who the caller is, their membership and what to do next. A returning
 * member who is not a tenant admin costs the account read and nothing else: no Graph, and no write
 * except the first sign-in of a day and a re-check an admin asked for.
 */
export async function startSession(deps: SessionDeps, input: StartSession): Promise<SessionResponse> {
  const { identity } = input;
  let existing = await loadAccount(deps.store, identity);
  if (!existing) await admitFirstSignIn(deps, identity.tid);
  // A leaver of Entra provisioning rejoins on their own only where the organization allows it.
  if (existing && !existing.membership && (await rejoinLeaver(deps.store, identity, existing.user.id))) existing = await loadAccount(deps.store, identity);
  const signedIn = await recordSignInDay(deps, existing ?? (await createAccount(deps, input)), dayOf(deps.now()));
  let account = signedIn.membership?.accountTypeRecheck ? await recheckAccountType(deps, input, signedIn) : signedIn;
  // Only non-members pay for this read: the returning member's fast path stays one read.
  const afterConsent = account.membership ? null : await joinAfterConsent(deps, input, account);
  if (afterConsent) account = afterConsent.account;
  const outcome = `${existing ? "returning" : "new"}_${account.membership ? "member" : "individual"}`;
  if (account.membership && !identity.tenantAdmin) {
    const session = presentSession(account, NO_EXTRAS);
    deps.metrics.signIns.inc({ outcome, next: session.next });
    return session;
  }
  const extras: SessionExtras = {
    ...(account.membership ? NO_EXTRAS : await joinOfferAndRequest(deps, identity, account)),
    consent: identity.tenantAdmin ? await consentOffer(deps, identity, account) : null,
    awaitingConsent: afterConsent?.awaiting ?? null,
  };
  const session = presentSession(account, extras);
  deps.metrics.signIns.inc({ outcome, next: session.next });
  return session;
}

/** A non-member of their tenant's active organization sees their pending request, or else the offer to join. */
async function joinOfferAndRequest(deps: SessionDeps, identity: Identity, account: Account): Promise<SessionExtras> {
  const tenant = await activeTenantOrganization(deps.store, identity);
  if (!tenant) return NO_EXTRAS;
  const now = deps.now();
  const pending = await deps.store.models.JoinRequest.findOne({
    where: { organizationId: tenant.organization.id, userId: account.user.id, status: "pending", expiresAt: { [Op.gt]: now } },
    attributes: ["id", "createdAt"],
    raw: true,
  });
  if (pending) return { ...NO_EXTRAS, pendingRequest: { id: pending.id, organization: tenant.organization, createdAt: new Date(pending.createdAt) } };
  // A declined person is told so, with the reason, instead of being offered to ask again at once.
  const rejection = await recentRejection(deps.store, { organizationId: tenant.organization.id, userId: account.user.id }, now);
  if (rejection) return { ...NO_EXTRAS, declinedRequest: { ...rejection, organization: tenant.organization } };
  const hidden = account.user.joinOfferHiddenUntil !== null && account.user.joinOfferHiddenUntil > now;
  if (hidden || (await isSubscriptionStudent(deps.store, account.user.id))) return NO_EXTRAS;
  return { ...NO_EXTRAS, joinOffer: tenant.organization };
}

/** docs/spec.md §3.6: a tenant admin signing in while their tenant's link awaits consent (or needs attention) may grant it. */
async function consentOffer(deps: SessionDeps, identity: Identity, account: Account): Promise<SessionExtras["consent"]> {
  if (identity.guest || identity.personal) return null;
  // Known from the account read: a returning tenant admin of an active (or unlinked) tenant costs no other query.
  if (account.tenantLinkStatus === null || account.tenantLinkStatus === "active") return null;
  const tenant = await loadTenantOrganization(deps.store, identity.tid);
  if (!tenant || tenant.link.status === "active") return null;
  const { url } = await startAdminConsent(deps, {
    organizationId: tenant.organization.id,
    tid: identity.tid,
    initiatedByUserId: account.user.id,
    purpose: "tenant_admin_sign_in",
    rosterRequested: tenant.link.rosterRequested,
  });
  return { url, organization: tenant.organization };
}
