import { z } from "zod/v4";
import { ACCOUNT_TYPE_RECHECKS, ACCOUNT_TYPES, ACCOUNT_TYPE_SOURCES } from "./vocabulary.js";
import { organizationIdParams, pageOf, pageQuery, userId } from "./common.js";
import { endpoint } from "./endpoint.js";

export const memberView = z.object({
  userId: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  accountType: z.enum(ACCOUNT_TYPES).nullable(),
  accountTypeSource: z.enum(ACCOUNT_TYPE_SOURCES).nullable(),
  teacherConfirmationPending: z.boolean(),
  isAdmin: z.boolean(),
  joinedVia: z.string(),
  joinedAt: z.string(),
  /** The UTC day of the last sign-in ("YYYY-MM-DD"), a day and never a time; null: never signed in. */
  lastSeenOn: z.string().nullable(),
  /** The Microsoft 365 tenant the member signs in from (a district may link several). */
  tenant: z.object({ tid: z.string(), domain: z.string().nullable() }),
  /** A re-check of the type waits for the member's next sign-in. */
  accountTypeRecheck: z.enum(ACCOUNT_TYPE_RECHECKS).nullable(),
});
export type MemberView = z.infer<typeof memberView>;

export const membersPage = pageOf(memberView);
export type MembersPage = z.infer<typeof membersPage>;

export const memberParams = organizationIdParams.extend({ userId });

/** At least one change; an account type must fit the organization (teacher/student or creator/learner). */
export const updateMemberBody = z
  .object({ accountType: z.enum(ACCOUNT_TYPES).optional(), isAdmin: z.boolean().optional() })
  .strict()
  .refine((body) => body.accountType !== undefined || body.isAdmin !== undefined, { message: "Send accountType or isAdmin." });
export type UpdateMemberBody = z.infer<typeof updateMemberBody>;

/** Members, optionally only those not seen for at least `inactiveDays` days (never signed in counts from joining). */
export const membersQuery = pageQuery.extend({
  inactiveDays: z.coerce.number().int().min(1).max(3650).optional(),
});
export type MembersQuery = z.infer<typeof membersQuery>;

/** Member ids named in one bulk action: a page's worth at most. */
const memberIds = z.array(userId).min(1).max(200);

/**
 * Re-check members' account types at their next sign-in: a selection, or everyone. A type an admin set
 * by hand is kept unless `replaceAdminSet` is true.
 */
export const accountTypeRecheckBody = z
  .object({
    userIds: memberIds.optional(),
    everyone: z.literal(true).optional(),
    replaceAdminSet: z.boolean().default(false),
  })
  .strict()
  .refine((body) => (body.userIds === undefined) !== (body.everyone === undefined), { message: "Send userIds or everyone: true, not both." });
export type AccountTypeRecheckBody = z.infer<typeof accountTypeRecheckBody>;

export const accountTypeRecheckResult = z.object({ requested: z.number().int(), mode: z.enum(ACCOUNT_TYPE_RECHECKS) });
export type AccountTypeRecheckResult = z.infer<typeof accountTypeRecheckResult>;

/** Removes several members at once; each removal is its own transaction with its own audit row. */
export const memberRemovalsBody = z.object({ userIds: memberIds }).strict();
export type MemberRemovalsBody = z.infer<typeof memberRemovalsBody>;

export const MEMBER_REMOVAL_OUTCOMES = ["removed", "not_found", "last_admin"] as const;
export const memberRemovalsResult = z.object({
  removed: z.number().int(),
  results: z.array(z.object({ userId: z.string(), outcome: z.enum(MEMBER_REMOVAL_OUTCOMES) })),
});
export type MemberRemovalsResult = z.infer<typeof memberRemovalsResult>;

export const memberRemovedResponse = z.object({ userId: z.string(), removed: z.literal(true) });

export const membersEndpoints = {
  list: endpoint({ method: "get", path: "/api/orgs/:orgId/members", params: organizationIdParams, query: membersQuery, response: membersPage }),
  update: endpoint({ method: "patch", path: "/api/orgs/:orgId/members/:userId", params: memberParams, body: updateMemberBody, response: memberView }),
  remove: endpoint({ method: "del", path: "/api/orgs/:orgId/members/:userId", params: memberParams, response: memberRemovedResponse }),
  recheckAccountTypes: endpoint({ method: "post", path: "/api/orgs/:orgId/members/account-type-rechecks", params: organizationIdParams, body: accountTypeRecheckBody, response: accountTypeRecheckResult }),
  removeMany: endpoint({ method: "post", path: "/api/orgs/:orgId/members/removals", params: organizationIdParams, body: memberRemovalsBody, response: memberRemovalsResult }),
};
