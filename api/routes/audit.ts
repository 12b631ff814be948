import { organizationIdParams } from "../../contract/common.js";
import { auditPage, auditQuery } from "../../contract/audit.js";
import { listAuditEvents } from "../domain/audit-log/list-audit-events.js";
import { defineRoute } from "../http/route.js";
import type { AppContext } from "../context.js";

/** Activity (docs/spec.md §8): the organization's audit log, newest first. */
export const auditRoutes = (deps: AppContext) => [
  defineRoute({
    method: "get",
    path: "/api/orgs/:orgId/audit",
    summary: "The organization's activity: consent outcomes, links, joins, type and admin changes, decisions",
    tags: ["activity"],
    auth: "orgAdmin",
    params: organizationIdParams,
    query: auditQuery,
    response: auditPage,
    problems: [400, 403, 404],
    async handler({ params, query }) {
      return { body: await listAuditEvents(deps.store, { organizationId: params.orgId, limit: query.limit, cursor: query.cursor, type: query.type }) };
    },
  }),
];
