import { z } from "zod/v4";
import { ACCOUNT_TYPES, ACCOUNT_TYPE_SOURCES } from "./vocabulary.js";
import { organizationIdParams, pageOf, userId } from "./common.js";

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
