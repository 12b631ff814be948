import { organizationIdParams } from "../../contract/common.js";
import { accountTypeRecheckBody, accountTypeRecheckResult, memberRemovalsBody, memberRemovalsResult } from "../../contract/members.js";
import { removeMembers } from "../domain/members/remove-members.js";
import { requestAccountTypeRecheck } from "../domain/members/request-account-type-recheck.js";
import { defineRoute } from "../http/route.js";
import type { AppContext } from "../context.js";

const tags = ["members"];

/** Actions on several members at once (docs/spec.md §4 re-check, §8 members who stopped signing in). */
export const memberSelectionRoutes = (deps: AppContext) => [
  defineRoute({
    method: "post",
    path: "/api/orgs/:orgId/members/account-type-rechecks",
    summary: "Re-check account types at each member's next sign-in: a selection or everyone; types set by an admin are kept unless replaceAdminSet",
    tags,
    auth: "orgAdmin",
    params: organizationIdParams,
    body: accountTypeRecheckBody,
    response: accountTypeRecheckResult,
    problems: [400, 403, 404],
    async handler({ params, body, actor }) {
      return { body: await requestAccountTypeRecheck(deps.store, { organizationId: params.orgId, actor, request: body }) };
    },
  }),
  defineRoute({
    method: "post",
    path: "/api/orgs/:orgId/members/removals",
    summary: "Remove several members in one step; each removal is atomic and audited on its own, and reported per member",
    tags,
    auth: "orgAdmin",
    params: organizationIdParams,
    body: memberRemovalsBody,
    response: memberRemovalsResult,
    problems: [400, 403, 404],
    async handler({ params, body, actor }) {
      return { body: await removeMembers(deps.store, { organizationId: params.orgId, actor, userIds: body.userIds }) };
    },
  }),
];
