import type { OrganizationSummary, SessionNext, SessionResponse, SessionUser } from "../../../contract/session.js";
import { accountTypeChoices } from "./account-types.js";
import type { Account, AccountOrganization } from "./load-account.js";

/** What leaves the server about an organization: never its settings. */
export const presentOrganization = (organization: AccountOrganization): OrganizationSummary => ({
  id: organization.id,
  name: organization.name,
  kind: organization.kind,
  plan: organization.plan,
});

export const presentUser = (user: Account["user"]): SessionUser => ({
  id: user.id,
  displayName: user.displayName,
  email: user.email,
  accountType: user.accountType,
  accountTypeSource: user.accountTypeSource,
  teacherConfirmationPending: user.teacherConfirmationPending,
});

export interface SessionExtras {
  joinOffer: AccountOrganization | null;
  pendingRequest: { id: string; organization: AccountOrganization; createdAt: Date } | null;
  consent: { url: string; organization: AccountOrganization } | null;
  /** The organization this person joins once their tenant's consent is granted (docs/spec.md §3.5). */
  awaitingConsent?: AccountOrganization | null;
  declinedRequest?: { id: string; organization: AccountOrganization; reason: string | null; decidedAt: Date; canAskAgainAt: Date } | null;
}

export const NO_EXTRAS: SessionExtras = { joinOffer: null, pendingRequest: null, consent: null };

const presentDeclined = (declined: SessionExtras["declinedRequest"]) =>
  declined
    ? {
        id: declined.id,
        organization: presentOrganization(declined.organization),
        reason: declined.reason,
        decidedAt: declined.decidedAt.toISOString(),
        canAskAgainAt: declined.canAskAgainAt.toISOString(),
      }
    : null;

/** The most urgent step first (documented on the contract). */
function nextStep(account: Account, extras: SessionExtras): SessionNext {
  if (extras.consent) return "consent_required";
  if (account.user.accountType === null) return "choose_account_type";
  if (extras.pendingRequest) return "pending_request";
  if (extras.joinOffer) return "join_offer";
  return "ready";
}

export function presentSession(account: Account, extras: SessionExtras): SessionResponse {
  return {
    user: presentUser(account.user),
    membership: account.membership
      ? { organization: presentOrganization(account.membership.organization), isAdmin: account.membership.isAdmin }
      : null,
    next: nextStep(account, extras),
    joinOffer: extras.joinOffer ? { organization: presentOrganization(extras.joinOffer) } : null,
    pendingRequest: extras.pendingRequest
      ? { id: extras.pendingRequest.id, organization: presentOrganization(extras.pendingRequest.organization), createdAt: extras.pendingRequest.createdAt.toISOString() }
      : null,
    declinedRequest: presentDeclined(extras.declinedRequest),
    consent: extras.consent ? { url: extras.consent.url, organization: presentOrganization(extras.consent.organization) } : null,
    awaitingConsent: extras.awaitingConsent ? { organization: presentOrganization(extras.awaitingConsent) } : null,
    accountTypeChoices: accountTypeChoices(account.membership?.organization.kind ?? null),
  };
}
