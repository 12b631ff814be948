import { requestsEndpoints, type JoinRequestDecision } from "../../contract/requests.js";
import { decideJoinRequest } from "../domain/join-requests/decide-join-request.js";
import { decideJoinRequests } from "../domain/join-requests/decide-join-requests.js";
import { listJoinRequests } from "../domain/join-requests/list-join-requests.js";
import { defineRoute } from "../http/route.js";
import type { AppContext } from "../context.js";

/** Management requests (docs/spec.md §6): admins list them and decide, one or many at once. */
export const requestRoutes = (deps: AppContext) => {
  const decideOne = (decision: JoinRequestDecision) =>
    defineRoute({
      ...(decision === "approve" ? requestsEndpoints.approve : requestsEndpoints.reject),
      summary: decision === "approve" ? "Approve a management request (first decision wins)" : "Reject a management request (first decision wins)",
      tags: ["requests"],
      auth: "orgAdmin",
      problems: [400, 403, 404, 409],
      async handler({ params, actor, body }) {
        const result = await decideJoinRequest(deps, {
          organizationId: params.orgId,
          requestId: params.id,
          decision,
          actor,
          channel: "tab",
          reason: (body as { reason?: string } | undefined)?.reason,
          cooldownMs: deps.tuning.rejectionCooldownMs,
        });
        return { body: result };
      },
    });

  return [
    defineRoute({
      ...requestsEndpoints.list,
      summary: "Management requests: pending first, then newest; paged and searchable",
      tags: ["requests"],
      auth: "orgAdmin",
      problems: [400, 403, 404],
      async handler({ params, query }) {
        return { body: await listJoinRequests(deps, { organizationId: params.orgId, ...query }) };
      },
    }),
    // Registered before `/:id/approve` so "decisions" is never read as a request id.
    defineRoute({
      ...requestsEndpoints.decideMany,
      summary: "Decide many management requests at once; each item succeeds or fails on its own",
      tags: ["requests"],
      auth: "orgAdmin",
      problems: [400, 403, 404],
      async handler({ params, body, actor }) {
        const result = await decideJoinRequests(deps, {
          organizationId: params.orgId,
          decisions: body.decisions,
          actor,
          channel: "tab",
          cooldownMs: deps.tuning.rejectionCooldownMs,
        });
        return { body: result };
      },
    }),
    decideOne("approve"),
    decideOne("reject"),
  ];
};
