import type { MemberView } from "../../../contract/members.js";
import type { MembershipRow, UserRow } from "../../store/models.js";

type MemberUser = Pick<UserRow, "id" | "displayName" | "email" | "accountType" | "accountTypeSource" | "teacherConfirmationPending">;
type MemberMembership = Pick<MembershipRow, "isAdmin" | "joinedVia" | "createdAt">;

/** What leaves the server about a member: display facts only, never tid/oid. */
export function presentMember(user: MemberUser, membership: MemberMembership): MemberView {
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
  };
}

export const MEMBER_USER_ATTRIBUTES = ["id", "displayName", "email", "accountType", "accountTypeSource", "teacherConfirmationPending"] as const;
