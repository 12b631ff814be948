import { createHash, randomBytes } from "node:crypto";
import type { Transaction } from "sequelize";
import type { AppContext } from "../../context.js";

/** docs/spec.md §3.3: the pop-up's state is single-use and expires in 10 minutes. */
export const CONSENT_STATE_TTL_MS = 10 * 60 * 1000;
/** docs/spec.md §3.5: the link for IT is meant to be emailed: 7 days, or until one successful consent. */
export const IT_LINK_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/** "ask_admin" is the link for IT (docs/spec.md §3.5); the others are pop-ups of the admin who started them. */
export type ConsentPurpose = "settings" | "ask_admin" | "tenant_admin_sign_in";

/** Only the link for IT survives failed or declined tries and lives a week; it is not bound to its sender. */
export const isLinkForIt = (purpose: string) => purpose === "ask_admin";

export interface StartAdminConsent {
  organizationId: string;
  tid: string;
  /** The org admin who started it; null when a tenant admin with no RosterLink account will use it. */
  initiatedByUserId: string | null;
  purpose: ConsentPurpose;
  rosterRequested: boolean;
}

export const hashConsentState = (state: string) => createHash("sha256").update(state).digest("hex");

/** The Graph permissions asked for (docs/spec.md §3.2): sign-in always, the roster only when the school shares it. */
export function consentScopes(rosterRequested: boolean): string[] {
  const scopes = ["openid", "profile", "https://graph.microsoft.com/User.Read"];
  if (rosterRequested) scopes.push("https://graph.microsoft.com/EduRoster.ReadBasic");
  return scopes;
}

/**
 * Creates a consent state bound on the server to (organization, tenant, and for a pop-up the initiating admin) and
 * returns the v2 /adminconsent URL for that tenant. Only a hash of the state is stored.
 */
export async function startAdminConsent(
  deps: Pick<AppContext, "store" | "microsoft" | "publicUrl" | "now">,
  input: StartAdminConsent,
  transaction?: Transaction,
): Promise<{ url: string; expiresAt: Date }> {
  const state = randomBytes(32).toString("base64url");
  const scopes = consentScopes(input.rosterRequested);
  const expiresAt = new Date(deps.now().getTime() + (isLinkForIt(input.purpose) ? IT_LINK_TTL_MS : CONSENT_STATE_TTL_MS));
  await deps.store.models.ConsentState.create(
    {
      stateHash: hashConsentState(state),
      organizationId: input.organizationId,
      tid: input.tid,
      initiatedByUserId: input.initiatedByUserId,
      purpose: input.purpose,
      scopes: scopes.join(" "),
      expiresAt,
    },
    { transaction },
  );
  const url = new URL(`${deps.microsoft.browserAuthorityHost}/${input.tid}/v2.0/adminconsent`);
  url.searchParams.set("client_id", deps.microsoft.clientId);
  url.searchParams.set("redirect_uri", `${deps.publicUrl()}/api/consent/callback`);
  url.searchParams.set("scope", scopes.join(" "));
  url.searchParams.set("state", state);
  return { url: url.toString(), expiresAt };
}
