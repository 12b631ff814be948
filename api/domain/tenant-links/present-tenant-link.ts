import type { TenantLinkView } from "../../../contract/microsoft365.js";
import type { TenantLinkRow } from "../../store/models.js";
import type { OrganizationKind } from "../../store/types.js";
import { linkStatusOf, nextStepFor } from "./link-status.js";
import { permissionsFor } from "./permissions.js";

type LinkRow = Pick<
  TenantLinkRow,
  "tid" | "domain" | "status" | "rosterRequested" | "rosterAccess" | "grantedScopes" | "attentionCode" | "consentedAt"
> & { healthCheckedAt?: Date | string | null };

export const grantedScopesOf = (link: Pick<TenantLinkRow, "grantedScopes">) => link.grantedScopes.split(" ").filter(Boolean);

/** What leaves the server about one tenant link. */
export function presentTenantLink(row: LinkRow, waitingToJoin = 0, kind?: OrganizationKind | null): TenantLinkView {
  // Raw rows carry SQLite's booleans as 0/1.
  const link = { ...row, rosterRequested: Boolean(row.rosterRequested), rosterAccess: Boolean(row.rosterAccess) };
  const status = linkStatusOf(link);
  const grantedScopes = grantedScopesOf(link);
  return {
    tid: link.tid,
    domain: link.domain,
    status,
    nextStep: nextStepFor(status, link, kind),
    rosterData: link.rosterRequested,
    rosterAccess: link.rosterAccess,
    grantedScopes,
    attentionCode: link.attentionCode,
    consentedAt: link.consentedAt ? new Date(link.consentedAt).toISOString() : null,
    permissions: permissionsFor(link.rosterRequested, grantedScopes, link.consentedAt !== null && link.status !== "awaiting_consent", kind),
    waitingToJoin,
    healthCheckedAt: row.healthCheckedAt ? new Date(row.healthCheckedAt).toISOString() : null,
  };
}
