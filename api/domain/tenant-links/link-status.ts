import type { TenantLinkStatusView } from "../../../contract/microsoft365.js";
import type { TenantLinkRow } from "../../store/models.js";
import type { OrganizationKind } from "../../store/types.js";
import { tenantWords } from "./tenant-words.js";

/** What each AADSTS code seen on a sign-in means for the admin (docs/spec.md §3.8). */
const ATTENTION_CAUSES: Record<string, string> = {
  AADSTS65001: "the tenant's consent for RosterLink was revoked",
  AADSTS700016: "RosterLink was removed from the tenant",
  AADSTS500011: "RosterLink's enterprise application is missing from the tenant",
  AADSTS7000229: "RosterLink's enterprise application was removed from the tenant, which also removes its consent",
};

type LinkFacts = Pick<TenantLinkRow, "status" | "rosterRequested" | "rosterAccess" | "attentionCode">;

export function linkStatusOf(link: LinkFacts): TenantLinkStatusView {
  if (link.status === "needs_attention") return "needs_attention";
  if (link.status === "awaiting_consent") return "awaiting_consent";
  return link.rosterAccess ? "active" : "active_without_roster";
}

/** A link still needs a tenant admin's consent: never given, lost, or the roster scope was not granted. */
export const needsConsent = (link: LinkFacts) => link.status !== "active" || (link.rosterRequested && !link.rosterAccess);

/** What the admin should do next, in plain words and the organization's own (docs/spec.md §8), for each status. */
export function nextStepFor(status: TenantLinkStatusView, link?: LinkFacts, kind?: OrganizationKind | null): string {
  const w = tenantWords(kind);
  switch (status) {
    case "not_linked":
      return `Enter your Microsoft 365 tenant ID or one of its domains, choose whether to share ${w.rosterData}, and save. A Global Administrator then grants consent once.`;
    case "awaiting_consent":
      return "A Global Administrator of this tenant must grant consent. If that is you, open the consent link; otherwise send them the ready message.";
    case "active":
      return `Nothing to do: everyone from this tenant who signs in joins automatically, with the account type from the ${w.roster}.`;
    case "active_without_roster":
      return link?.rosterRequested
        ? `${w.rosterData.charAt(0).toUpperCase()}${w.rosterData.slice(1)} was requested but not granted: ask a Global Administrator to consent again so account types can come from the ${w.roster}. Until then people join automatically and choose their type when it cannot be detected.`
        : `Everyone from this tenant joins automatically; without ${w.rosterData} the account type comes from licences or people choose it. Turn on ${w.rosterData} to detect ${w.types} from the ${w.roster}.`;
    case "needs_attention": {
      const cause = (link?.attentionCode && ATTENTION_CAUSES[link.attentionCode]) ?? "sign-ins of this tenant can no longer reach Microsoft 365 on RosterLink's behalf";
      // The status is already named next to this sentence (the badge, the bot message's first line).
      return `${cause.charAt(0).toUpperCase()}${cause.slice(1)}. Ask a Global Administrator to grant consent again with the link below. Until then people still get in, but must choose their account type.`;
    }
  }
}

const SEVERITY: TenantLinkStatusView[] = ["needs_attention", "awaiting_consent", "active_without_roster", "active"];

/** The organization's overall status: the link that most needs the admin. */
export function overallStatus(statuses: TenantLinkStatusView[]): TenantLinkStatusView {
  if (statuses.length === 0) return "not_linked";
  return SEVERITY.find((s) => statuses.includes(s)) ?? "active";
}
