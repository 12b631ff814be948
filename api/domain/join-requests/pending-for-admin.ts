import type { JoinRequestPage } from "../../../contract/requests.js";
import type { OrganizationKind } from "../../../contract/vocabulary.js";
import type { Identity } from "../../auth/identity.js";
import type { CommandContext } from "../command-context.js";
import { ownOrganizationAdmin } from "../policies/org-admin.js";
import { listJoinRequests } from "./list-join-requests.js";

export interface PendingForAdmin {
  organizationId: string;
  organization: { name: string; kind: OrganizationKind };
  /** The first `limit` pending requests, and how many wait in all. */
  page: JoinRequestPage;
}

/**
 * The requests waiting for the organization the caller administers (the bot's `pending` command names no
 * organization). Null when the caller administers none.
 */
export async function pendingForAdmin(ctx: CommandContext<"store" | "now">, input: { identity: Pick<Identity, "tid" | "oid">; limit: number }): Promise<PendingForAdmin | null> {
  const admin = await ownOrganizationAdmin(ctx.store, input.identity);
  if (!admin) return null;
  const { organizationId } = admin.membership;
  const organization = await ctx.store.models.Organization.findByPk(organizationId, { attributes: ["name", "kind"], raw: true });
  const page = await listJoinRequests(ctx, { organizationId, status: "pending", limit: input.limit });
  return { organizationId, organization: { name: organization?.name ?? "your organization", kind: organization?.kind ?? "school" }, page };
}
