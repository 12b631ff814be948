import type { Store } from "../../store/store.js";
import { adminConversations, type AdminConversation } from "../conversations/admin-conversations.js";
import { nextStepFor } from "./link-status.js";

/** What the org admins are told when a link needs attention, and where the bot reaches them. */
export interface AttentionNotice {
  organizationName: string;
  tenantLabel: string;
  /** What to do, in the words Settings uses. */
  nextStep: string;
  code: string;
  admins: AdminConversation[];
}

/** Null when the link is gone or no longer needs attention (fixed before the message went out). */
export async function loadAttentionNotice(store: Store, input: { organizationId: string; tid: string; code: string }): Promise<AttentionNotice | null> {
  const link = await store.models.TenantLink.findOne({ where: { organizationId: input.organizationId, tid: input.tid }, raw: true });
  if (!link || link.status !== "needs_attention") return null;
  const organization = await store.models.Organization.findByPk(input.organizationId, { attributes: ["name"], raw: true });
  if (!organization) return null;
  return {
    organizationName: organization.name,
    tenantLabel: link.domain ?? link.tid,
    nextStep: nextStepFor("needs_attention", { ...link, rosterRequested: Boolean(link.rosterRequested), rosterAccess: Boolean(link.rosterAccess) }),
    code: input.code,
    admins: await adminConversations(store, input.organizationId),
  };
}
