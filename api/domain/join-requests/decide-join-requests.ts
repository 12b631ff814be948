import type { BulkDecisionsBody, BulkDecisionsResponse } from "../../../contract/requests.js";
import { toProblem } from "../../errors.js";
import { decideJoinRequest, type DecideJoinRequestInput } from "./decide-join-request.js";

export type DecideJoinRequestsInput = Omit<DecideJoinRequestInput, "requestId" | "decision"> & BulkDecisionsBody;

/**
 * Many decisions at once (docs/spec.md §6: "approve or reject one or many at once"). Each item is its own
 * transaction, so one refused item (already decided, expired, a member elsewhere) leaves the others
 * unaffected, and each answer says what happened to that item.
 */
export async function decideJoinRequests(input: DecideJoinRequestsInput): Promise<BulkDecisionsResponse> {
  const results: BulkDecisionsResponse["results"] = [];
  for (const { id, decision, reason } of input.decisions) {
    try {
      const result = await decideJoinRequest({ ...input, requestId: id, decision, reason });
      results.push({ id, ok: true, request: result.request, membersJoined: result.membersJoined });
    } catch (error) {
      const problem = toProblem(error);
      if (problem.status >= 500) throw error;
      const { decidedBy, decision: decided } = problem.extra as { decidedBy?: { name: string }; decision?: "approved" | "rejected" };
      results.push({ id, ok: false, problem: { status: problem.status, code: problem.code, detail: problem.detail, decidedBy, decision: decided } });
    }
  }
  return { results };
}
