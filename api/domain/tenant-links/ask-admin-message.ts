import type { AskAdminView } from "../../../contract/microsoft365.js";
import type { OrganizationKind } from "../../store/types.js";
import { permissionsFor } from "./permissions.js";

export interface AskAdminInput {
  organizationName: string;
  organizationKind?: OrganizationKind;
  tenantLabel: string;
  rosterRequested: boolean;
  consentUrl: string;
  expiresAt: Date;
  senderName: string;
}

/**
 * The ready message an org admin who cannot consent sends to their Global Administrator (docs/spec.md §3.5).
 * The link needs no RosterLink account and is meant to be emailed: it works for 7 days or until
 * someone accepts, however many tries fail or are cancelled before that.
 */
export function askAdminMessage(input: AskAdminInput): AskAdminView {
  const permissions = permissionsFor(input.rosterRequested, [], false, input.organizationKind)
    .filter((p) => p.requested)
    .map((p) => `- ${p.scope}: ${p.why}`)
    .join("\n");
  const expiry = `${input.expiresAt.toISOString().slice(0, 10)} (7 days from today)`;
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
    `You do not need a RosterLink account. The link works until someone accepts, or until ${expiry}; if you cancel or sign in with the wrong account, you can use it again. After Microsoft's page, RosterLink shows you what happened. If it has expired, tell me and I will send a fresh one.`,
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
