import { removeMembers } from "../domain/members/remove-members.js";
import { requestAccountTypeRecheck } from "../domain/members/request-account-type-recheck.js";
import { membersEndpoints } from "../../contract/members.js";
import { defineRoute } from "../http/route.js";
import type { AppContext } from "../context.js";

const tags = ["members"];

/** Actions on several members at once (docs/spec.md §4 re-check, §8 members who stopped signing in). */
export const memberSelectionRoutes = (deps: AppContext) => [
  defineRoute({
    ...membersEndpoints.recheckAccountTypes,
    summary: "Re-check account types at each member's next sign-in: a selection or everyone; types set by an admin are kept unless replaceAdminSet",
    tags,
    auth: "orgAdmin",
    problems: [400, 403, 404],
    async handler({ params, body, actor }) {
      return { body: await requestAccountTypeRecheck(deps, { organizationId: params.orgId, actor, request: body }) };
    },
  }),
  defineRoute({
    ...membersEndpoints.removeMany,
    summary: "Remove several members in one step; each removal is atomic and audited on its own, and reported per member",
    tags,
    auth: "orgAdmin",
    problems: [400, 403, 404],
    async handler({ params, body, actor }) {
      return { body: await removeMembers(deps, { organizationId: params.orgId, actor, userIds: body.userIds }) };
    },
  }),
];
