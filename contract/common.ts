import { z } from "zod/v4";
import { GUID_PATTERN } from "./guid.js";

export { GUID_PATTERN, isGuid } from "./guid.js";

/** A GUID in any letter case (Entra ids, group ids, the app's own row ids). */
export const guid = z.string().regex(GUID_PATTERN, "must be a GUID");

/**
 * Ids in paths. They are not checked as GUIDs here on purpose: a malformed id answers the same 404 as
 * another school's id (the domain checks it), so ids cannot be probed. The brand keeps them apart in code.
 */
const pathId = <B extends string>() => z.string().max(64).brand<B>();
export const organizationId = pathId<"OrganizationId">();
export type OrganizationId = z.infer<typeof organizationId>;
export const userId = pathId<"UserId">();
export type UserId = z.infer<typeof userId>;
export const joinRequestId = pathId<"JoinRequestId">();
export type JoinRequestId = z.infer<typeof joinRequestId>;
export const tenantId = pathId<"TenantId">();
export type TenantId = z.infer<typeof tenantId>;

export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  code: z.string(),
  detail: z.string().optional(),
});
export type ProblemBody = z.infer<typeof problemSchema>;

/** An opaque keyset cursor, as a list gave it out. */
export const cursor = z.string().max(200);

/** Lists page on the server (docs/spec.md §8: none loads everything at once). */
export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: cursor.optional(),
  q: z.string().trim().max(100).optional(),
});
export type PageQuery = z.infer<typeof pageQuery>;

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable(), total: z.number().int().optional() });

export const organizationIdParams = z.object({ orgId: organizationId });
