import { PROBLEM_CODES } from "../../contract/problems.js";
import { z } from "zod/v4";
import { Problem, toProblem } from "../../api/errors.js";
import { decideJoinRequest } from "../../api/domain/join-requests/decide-join-request.js";
import { requireRequestAdmin } from "../../api/domain/policies/request-admin.js";
import type { Store } from "../../api/store/store.js";
import { REASON_INPUT_PREFIX, requestCard } from "../cards/request-card.js";
import { loadRequestViews } from "../../api/domain/join-requests/load-request-views.js";
import type { ActivityActor } from "./activity-actor.js";

/** Action.Execute data: the request id, and on Reject the optional reason typed into the card. */
const executeData = z.object({ requestId: z.string().max(64), reason: z.string().max(500).optional() }).strict();
/** Action.Submit has no verb, so its data names it. */
const submitData = z.object({ requestId: z.string().max(64), verb: z.enum(["approve", "reject"]), reason: z.string().max(500).optional() }).strict();

/**
 * Teams merges a card's inputs into the action's data under the input's id. The reason box is
 * `reason-<requestId>` so ids stay unique on a card listing several requests; it only counts as
 * the reason for that same request.
 */
function withReason(data: unknown): unknown {
  if (!data || typeof data !== "object" || Array.isArray(data)) return data;
  const { requestId } = data as { requestId?: unknown };
  const key = `${REASON_INPUT_PREFIX}${String(requestId)}`;
  if (typeof requestId !== "string" || !(key in data)) return data;
  const { [key]: reason, ...rest } = data as Record<string, unknown>;
  return typeof reason === "string" && reason.trim() ? { ...rest, reason } : rest;
}

export type CardActionAnswer = { card: Record<string, unknown> } | { message: string };

/**
 * A card's Approve/Reject (docs/spec.md §7). The actor comes from the authenticated activity; the card's
 * data only says which request. Anything else in the data — a role, a tenant, a user — is refused
 * rather than ignored, so a forged card changes nothing and the admin learns why.
 */
export async function decideFromCard(input: {
  store: Store;
  now: () => Date;
  actor: ActivityActor | { refused: string };
  source: "execute" | "submit";
  verb?: string;
  data: unknown;
  cooldownMs: number;
  /** The acting admin's Teams id, so the returned card keeps refreshing for them. */
  userMri?: string;
}): Promise<CardActionAnswer> {
  if ("refused" in input.actor) return { message: input.actor.refused };
  const data = withReason(input.data);
  const parsed = input.source === "execute" ? executeData.safeParse(data) : submitData.safeParse(data);
  if (!parsed.success) {
    const extra = parsed.error.issues.flatMap((i) => (i.code === "unrecognized_keys" ? i.keys : []));
    return {
      message: extra.length
        ? `Nothing was changed: this card carried data a RosterLink card never carries (${extra.join(", ")}). Cards carry only a request id.`
        : "Nothing was changed: this card's data is not a RosterLink request.",
    };
  }
  const verb = "verb" in parsed.data ? parsed.data.verb : input.verb;
  if (verb !== "approve" && verb !== "reject") return { message: `Nothing was changed: "${verb ?? ""}" is not an action this card offers.` };
  const { requestId, reason } = parsed.data;

  let actorName: string;
  let actorUserId: string;
  let organizationId: string;
  try {
    const { actor, organizationId: orgId } = await requireRequestAdmin(input.store, input.actor, requestId);
    actorName = actor.user.displayName;
    actorUserId = actor.user.id;
    organizationId = orgId;
  } catch (error) {
    const problem = toProblem(error);
    if (problem.status >= 500) throw error;
    return {
      message:
        problem.code === "not_org_admin" || problem.code === "organization_not_found"
          ? "Nothing was changed: only an admin of the organization this request belongs to can decide it."
          : "Nothing was changed: this request no longer exists.",
    };
  }

  let note: string | undefined;
  try {
    await decideJoinRequest(input, { organizationId, requestId, decision: verb, actor: { userId: actorUserId, name: actorName }, channel: "bot", reason, cooldownMs: input.cooldownMs });
  } catch (error) {
    if (!(error instanceof Problem) || error.status >= 500) throw error;
    note = error.code === PROBLEM_CODES.requestAlreadyDecided ? `${error.detail} Nothing was changed.` : `Nothing was changed: ${error.detail}`;
  }
  const views = await loadRequestViews(input, { requestIds: [requestId] });
  const request = views?.requests[0];
  if (!views || !request) return { message: "Nothing was changed: this request no longer exists." };
  return { card: requestCard(request, views.organization, { note, userMri: input.userMri }) };
}
