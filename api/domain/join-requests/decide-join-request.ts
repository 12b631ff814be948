import type { JoinRequestDecision, JoinRequestDecisionResult } from "../../../contract/requests.js";
import type { CommandContext } from "../command-context.js";
import { decideInBatch } from "./decide-in-batch.js";

export interface DecideJoinRequestInput {
  organizationId: string;
  requestId: string;
  decision: JoinRequestDecision;
  /** An org admin, already authorised by the caller (route: the token; bot: the activity). */
  actor: { userId: string; name: string };
  channel: "tab" | "bot";
  /** A rejection's reason, shown to the person (optional; ignored on approval). */
  reason?: string;
  /** After a rejection, how long before the person may ask again. */
  cooldownMs: number;
}

/**
 * Approves or rejects one management request (docs/spec.md §6): a batch of one, so a card, the tab's
 * single button and a bulk decision share every rule (decide-in-batch.ts). The first decision wins; a
 * refusal is thrown as its problem (404 not found, 409 already decided, expired, member elsewhere).
 * Approval joins the requester, and for a teacher with a teacher subscription the students too, in the
 * same transaction as the audit entries and the notification that updates every admin's card.
 */
export async function decideJoinRequest(ctx: CommandContext<"store" | "now">, input: DecideJoinRequestInput): Promise<JoinRequestDecisionResult> {
  const { requestId, decision, reason, ...rest } = input;
  const [outcome] = await decideInBatch(ctx, { ...rest, items: [{ id: requestId, decision, reason }] });
  if (!outcome!.ok) throw outcome!.problem;
  return { request: outcome!.request, membersJoined: outcome!.membersJoined };
}
