import type { BulkDecisionsBody, BulkDecisionsResponse } from "../../../contract/requests.js";
import type { DecideJoinRequestInput } from "./decide-join-request.js";
import { decideInBatch } from "./decide-in-batch.js";
import type { CommandContext } from "../command-context.js";

export type DecideJoinRequestsInput = Omit<DecideJoinRequestInput, "requestId" | "decision" | "reason"> & BulkDecisionsBody;

/**
 * Many decisions at once (docs/spec.md §6: "approve or reject one or many at once"): one transaction with
 * set-based reads and writes for the whole call (≤ 100 by the contract), while each item is checked as if
 * decided alone, so one refused item (already decided, expired, a member elsewhere) leaves the others
 * unaffected, and each answer says what happened to that item.
 */
export async function decideJoinRequests(ctx: CommandContext<"store" | "now">, input: DecideJoinRequestsInput): Promise<BulkDecisionsResponse> {
  const { decisions, ...rest } = input;
  const outcomes = await decideInBatch(ctx, { ...rest, items: decisions });
  return {
    results: outcomes.map((outcome, i) => {
      const id = decisions[i]!.id;
      if (outcome.ok) return { id, ok: true, request: outcome.request, membersJoined: outcome.membersJoined };
      const { status, code, detail, extra } = outcome.problem;
      const { decidedBy, decision } = extra as { decidedBy?: { name: string }; decision?: "approved" | "rejected" };
      return { id, ok: false, problem: { status, code, detail, decidedBy, decision } };
    }),
  };
}
