import type { MemberView } from "../../../contract/members.js";
import type { MembershipRow, UserRow } from "../../store/models.js";

type MemberUser = Pick<UserRow, "id" | "tid" | "displayName" | "email" | "accountType" | "accountTypeSource" | "teacherConfirmationPending" | "lastSeenOn">;
type MemberMembership = Pick<MembershipRow, "isAdmin" | "joinedVia" | "createdAt" | "accountTypeRecheck">;

/**
 * What leaves the server about a member: display facts only, never the oid. The tenant id is shown
 * to the organization's admins, who linked it, so a district can tell its tenants' members apart;
 * `domains` names the tenants the organization linked with a domain.
 */
export function presentMember(user: MemberUser, membership: MemberMembership, domains: ReadonlyMap<string, string | null> = new Map()): MemberView {
  return {
    userId: user.id,
    displayName: user.displayName,
    email: user.email,
    accountType: user.accountType,
    accountTypeSource: user.accountTypeSource,
    teacherConfirmationPending: Boolean(user.teacherConfirmationPending),
    isAdmin: Boolean(membership.isAdmin),
    joinedVia: membership.joinedVia,
    joinedAt: new Date(membership.createdAt).toISOString(),
    lastSeenOn: user.lastSeenOn ?? null,
    tenant: { tid: user.tid, domain: domains.get(user.tid) ?? null },
    accountTypeRecheck: membership.accountTypeRecheck ?? null,
  };
}

export const MEMBER_USER_ATTRIBUTES = [
  "id", "tid", "displayName", "email", "accountType", "accountTypeSource", "teacherConfirmationPending", "lastSeenOn",
] as const;
export const MEMBERSHIP_ATTRIBUTES = ["userId", "isAdmin", "joinedVia", "createdAt", "accountTypeRecheck"] as const;
