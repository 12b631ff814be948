import { listMembers } from "../domain/members/list-members.js";
import { removeMember } from "../domain/members/remove-member.js";
import { updateMember } from "../domain/members/update-member.js";
import { membersEndpoints } from "../../contract/members.js";
import { defineRoute } from "../http/route.js";
import type { AppContext } from "../context.js";

const tags = ["members"];

/** Members (docs/spec.md §8): org admins list, search, change type, make or unmake admin, remove. */
export const membersRoutes = (deps: AppContext) => [
  defineRoute({
    ...membersEndpoints.list,
    summary: "Members of the organization, paged and searchable by name or email, optionally only those not seen for N days",
    tags,
    auth: "orgAdmin",
    problems: [400, 403, 404],
    async handler({ params, query }) {
      const { limit, cursor, inactiveDays } = query;
      return { body: await listMembers(deps, { organizationId: params.orgId, limit, cursor, q: query.q || undefined, inactiveDays }) };
    },
  }),
  defineRoute({
    ...membersEndpoints.update,
    summary: "Change a member's account type (source admin) or admin rights; the last admin stays an admin",
    tags,
    auth: "orgAdmin",
    problems: [400, 403, 404, 409],
    async handler({ params, body, actor }) {
      const member = await updateMember(deps, {
        organizationId: params.orgId,
        actor,
        userId: params.userId,
        ...body,
      });
      return { body: member };
    },
  }),
  defineRoute({
    ...membersEndpoints.remove,
    summary: "Remove a member (their account stays); the last admin cannot be removed",
    tags,
    auth: "orgAdmin",
    problems: [403, 404, 409],
    async handler({ params, actor }) {
      const removed = await removeMember(deps, { organizationId: params.orgId, actor, userId: params.userId });
      return { body: removed };
    },
  }),
];
