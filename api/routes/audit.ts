import { listAuditEvents } from "../domain/audit-log/list-audit-events.js";
import { auditEndpoints } from "../../contract/audit.js";
import { defineRoute } from "../http/route.js";
import type { AppContext } from "../context.js";

/** Activity (docs/spec.md §8): the organization's audit log, newest first. */
export const auditRoutes = (deps: AppContext) => [
  defineRoute({
    ...auditEndpoints.list,
    summary: "The organization's activity: consent outcomes, links, joins, type and admin changes, decisions",
    tags: ["activity"],
    auth: "orgAdmin",
    problems: [400, 403, 404],
    async handler({ params, query }) {
      return { body: await listAuditEvents(deps, { organizationId: params.orgId, limit: query.limit, cursor: query.cursor, type: query.type }) };
    },
  }),
];
