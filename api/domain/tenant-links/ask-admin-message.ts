import type { TenantLinkView } from "../../../contract/microsoft365.js";
import { permissionsFor } from "./permissions.js";

export interface AskAdminInput {
  organizationName: string;
  tenantLabel: string;
  rosterRequested: boolean;
  consentUrl: string;
  expiresAt: Date;
  senderName: string;
}

/**
 * The ready message an org admin who cannot consent sends to their Global Administrator (SPEC §3.5).
 * The link needs no RosterLink account; states live 10 minutes (SPEC §3.3), so the message says how
 * to get a fresh one instead of pretending the link lasts.
 */
export function askAdminMessage(input: AskAdminInput): NonNullable<TenantLinkView["askAdmin"]> {
  const permissions = permissionsFor(input.rosterRequested, [], false)
    .filter((p) => p.requested)
    .map((p) => `- ${p.scope}: ${p.why}`)
    .join("\n");
  const expiry = `${input.expiresAt.toISOString().slice(11, 16)} UTC`;
  const message = [
    "Hello,",
    "",
    `I am setting up RosterLink for ${input.organizationName}. It needs a one-time approval (admin consent) from a Global Administrator of our Microsoft 365 tenant (${input.tenantLabel}).`,
    "",
    "RosterLink asks for these permissions, for everyone in the tenant:",
    permissions,
    "",
    "Please open this link, sign in with your administrator account and choose Accept:",
    input.consentUrl,
    "",
    `You do not need a RosterLink account. The link works once and expires at ${expiry} (10 minutes after I made it); if it has expired, tell me and I will send a fresh one — I can make a new one at any time from RosterLink's settings.`,
    "",
    "Thank you,",
    input.senderName,
  ].join("\n");
  return {
    consentUrl: input.consentUrl,
    expiresAt: input.expiresAt.toISOString(),
    subject: `Please approve RosterLink for ${input.organizationName}`,
    message,
  };
}
