import type { Identity } from "../auth/identity.js";
import { forbidden, notFound } from "../errors.js";
import type { Store } from "../store/store.js";
import type { MembershipRow, UserRow } from "../store/models.js";
import { isGuid } from "../../contract/guid.js";

export interface OrgActor {
  user: Pick<UserRow, "id" | "displayName" | "tid" | "oid">;
  membership: Pick<MembershipRow, "organizationId" | "isAdmin">;
}


/**
 * The caller must be a member of the organization in the path (docs/spec.md §9). Anything else —
 * another organization's id, a made-up id, a caller with no account — answers 404, so ids
 * of other schools cannot be probed. A member who is not an admin gets 403 where admins are required.
 */
export async function requireOrgMember(store: Store, identity: Pick<Identity, "tid" | "oid">, organizationId: string): Promise<OrgActor> {
  if (!isGuid(organizationId)) throw notFound("organization_not_found", "No such organization.");
  const { User, Membership } = store.models;
  const user = await User.findOne({ where: { tid: identity.tid, oid: identity.oid }, attributes: ["id", "displayName", "tid", "oid"], raw: true });
  if (!user) throw notFound("organization_not_found", "No such organization.");
  const membership = await Membership.findOne({ where: { userId: user.id, organizationId }, attributes: ["organizationId", "isAdmin"], raw: true });
  if (!membership) throw notFound("organization_not_found", "No such organization.");
  return { user, membership };
}

export async function requireOrgAdmin(store: Store, identity: Pick<Identity, "tid" | "oid">, organizationId: string): Promise<OrgActor> {
  const actor = await requireOrgMember(store, identity, organizationId);
  if (!actor.membership.isAdmin) throw forbidden("not_org_admin", "Only the organization's admins can do this.");
  return actor;
}
