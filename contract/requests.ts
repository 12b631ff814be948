import { z } from "zod/v4";
import { joinRequestId, organizationIdParams, pageOf, pageQuery } from "./common.js";
import { ACCOUNT_TYPES, DECISION_CHANNELS, JOIN_REQUEST_STATUSES } from "./vocabulary.js";
import { endpoint } from "./endpoint.js";

/** A request's status as admins see it: a pending request past its 30 days shows as expired (docs/spec.md §6). */
export const joinRequestStatus = z.enum(JOIN_REQUEST_STATUSES);
export type JoinRequestStatusView = z.infer<typeof joinRequestStatus>;

export const joinRequestDecision = z.enum(["approve", "reject"]);
export type JoinRequestDecision = z.infer<typeof joinRequestDecision>;

export const joinRequestItem = z.object({
  id: z.string(),
  user: z.object({ id: z.string(), displayName: z.string(), email: z.string().nullable() }),
  detectedAccountType: z.enum(ACCOUNT_TYPES).nullable(),
  status: joinRequestStatus,
  createdAt: z.string(),
  expiresAt: z.string(),
  /** For a teacher with a teacher subscription: how many students join with them on approval. */
  studentsWhoWillFollow: z.number().int(),
  decidedBy: z.object({ name: z.string() }).nullable(),
  decidedAt: z.string().nullable(),
  /** Where the decision was made. */
  channel: z.enum(DECISION_CHANNELS).nullable(),
  /** A rejection's reason, as the person was told it. */
  reason: z.string().nullable(),
  /** After a rejection: when the person may ask to join again. */
  canAskAgainAt: z.string().nullable(),
});
export type JoinRequestItem = z.infer<typeof joinRequestItem>;

export const listJoinRequestsQuery = pageQuery.extend({ status: joinRequestStatus.optional() });
export type ListJoinRequestsQuery = z.infer<typeof listJoinRequestsQuery>;
export const joinRequestPage = pageOf(joinRequestItem);
export type JoinRequestPage = z.infer<typeof joinRequestPage>;

export const joinRequestParams = organizationIdParams.extend({ id: joinRequestId });

/** A rejection's optional reason: the person reads it, so it is short plain text. */
export const rejectionReason = z.string().trim().max(500);
/** `POST …/reject` may carry a reason; approve takes no body. */
export const rejectJoinRequestBody = z.object({ reason: rejectionReason.optional() });
export type RejectJoinRequestBody = z.infer<typeof rejectJoinRequestBody>;

/** The answer to one decision: the request as it now is, and who joined the organization. */
export const joinRequestDecisionResult = z.object({
  request: joinRequestItem,
  /** The requester plus, for a teacher with a subscription, the students who followed. */
  membersJoined: z.number().int(),
});
export type JoinRequestDecisionResult = z.infer<typeof joinRequestDecisionResult>;

export const bulkDecisionsBody = z.object({
  decisions: z
    .array(z.object({ id: joinRequestId, decision: joinRequestDecision, reason: rejectionReason.optional() }))
    .min(1)
    .max(100),
});
export type BulkDecisionsBody = z.infer<typeof bulkDecisionsBody>;

/** Why one item of a bulk decision was refused: the same code and extras as the single-item 409/404. */
export const decisionProblem = z.object({
  status: z.number().int(),
  code: z.string(),
  detail: z.string().optional(),
  decidedBy: z.object({ name: z.string() }).optional(),
  decision: z.enum(["approved", "rejected"]).optional(),
});
export type DecisionProblem = z.infer<typeof decisionProblem>;

export const bulkDecisionsResponse = z.object({
  results: z.array(
    z.object({
      id: z.string(),
      ok: z.boolean(),
      request: joinRequestItem.optional(),
      membersJoined: z.number().int().optional(),
      problem: decisionProblem.optional(),
    }),
  ),
});
export type BulkDecisionsResponse = z.infer<typeof bulkDecisionsResponse>;

export const requestsEndpoints = {
  list: endpoint({ method: "get", path: "/api/orgs/:orgId/requests", params: organizationIdParams, query: listJoinRequestsQuery, response: joinRequestPage }),
  // Listed before `/:id/approve` so the server never reads "decisions" as a request id.
  decideMany: endpoint({ method: "post", path: "/api/orgs/:orgId/requests/decisions", params: organizationIdParams, body: bulkDecisionsBody, response: bulkDecisionsResponse }),
  approve: endpoint({ method: "post", path: "/api/orgs/:orgId/requests/:id/approve", params: joinRequestParams, response: joinRequestDecisionResult }),
  reject: endpoint({ method: "post", path: "/api/orgs/:orgId/requests/:id/reject", params: joinRequestParams, body: rejectJoinRequestBody, response: joinRequestDecisionResult }),
};
