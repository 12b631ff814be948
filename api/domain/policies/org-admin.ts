import type { Identity } from "../../auth/identity.js";
import { forbidden, notFound } from "../../errors.js";
import type { Store } from "../../store/store.js";
import type { MembershipRow, UserRow } from "../../store/models.js";
import { isGuid } from "../../../contract/guid.js";

/**
 * Who may act on an organization (docs/spec.md §9). Every caller — the API's edge for "orgAdmin" routes,
 * the bot's card actions and commands — asks here, so the rule has one place.
 */
export interface OrgActor {
  user: Pick<UserRow, "id" | "displayName" | "tid" | "oid">;
  membership: Pick<MembershipRow, "organizationId" | "isAdmin">;
}

/** The person a command acts as, in the words audit rows and "decided by" use. */
export interface ActorRef {
  userId: string;
  name: string;
}

export const actorRefOf = (actor: OrgActor): ActorRef => ({ userId: actor.user.id, name: actor.user.displayName });

const noSuchOrganization = () => notFound("organization_not_found", "No such organization.");

/**
 * The caller must be a member of the organization named by the caller (a path's `:orgId`). Anything else —
 * another organization's id, a made-up id, a caller with no account — answers 404, so ids of other schools
 * cannot be probed.
 */
export async function requireOrgMember(store: Store, identity: Pick<Identity, "tid" | "oid">, organizationId: string): Promise<OrgActor> {
  if (!isGuid(organizationId)) throw noSuchOrganization();
  const { User, Membership } = store.models;
  const user = await User.findOne({ where: { tid: identity.tid, oid: identity.oid }, attributes: ["id", "displayName", "tid", "oid"], raw: true });
  if (!user) throw noSuchOrganization();
  const membership = await Membership.findOne({ where: { userId: user.id, organizationId }, attributes: ["organizationId", "isAdmin"], raw: true });
  if (!membership) throw noSuchOrganization();
  return { user, membership };
}

/** As requireOrgMember, and a member who is not an admin gets 403. */
export async function requireOrgAdmin(store: Store, identity: Pick<Identity, "tid" | "oid">, organizationId: string): Promise<OrgActor> {
  const actor = await requireOrgMember(store, identity, organizationId);
  if (!actor.membership.isAdmin) throw forbidden("not_org_admin", "Only the organization's admins can do this.");
  return actor;
}

/**
 * For callers that name no organization (the bot's `pending` command): the organization the caller
 * administers, or null when they administer none. A person belongs to one organization (docs/spec.md §1).
 */
export async function ownOrganizationAdmin(store: Store, identity: Pick<Identity, "tid" | "oid">): Promise<OrgActor | null> {
  const { User, Membership } = store.models;
  const user = await User.findOne({ where: { tid: identity.tid, oid: identity.oid }, attributes: ["id", "displayName", "tid", "oid"], raw: true });
  if (!user) return null;
  const membership = await Membership.findOne({ where: { userId: user.id, isAdmin: true }, attributes: ["organizationId", "isAdmin"], raw: true });
  return membership ? { user, membership } : null;
}
