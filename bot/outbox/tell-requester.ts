import { loadDecisionNotice, type DecisionNotice } from "../../api/domain/conversations/requester-conversation.js";
import { paced } from "./paced.js";
import type { WorkerContext } from "./worker-context.js";

/** A date people read in a chat message, where Adaptive Cards' DATE() is not available. */
const readableDate = (date: Date) => `${date.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" })}`;

/** What the person reads: who decided, and after a rejection the reason and when they may ask again. */
export function decisionNoticeText(notice: DecisionNotice): string {
  const by = notice.decidedByName ?? "An admin";
  const org = notice.organization.name;
  if (notice.status === "approved") {
    const followers = notice.organization.kind === "elearning" ? "learners" : "students";
    const follow = notice.followers > 0 ? ` Your ${notice.followers === 1 ? followers.slice(0, -1) : `${notice.followers} ${followers}`} joined with you.` : "";
    return `✅ ${by} approved your request to join **${org}**. You are now a member.${follow}`;
  }
  const lines = [`${by} declined your request to join **${org}**.`];
  if (notice.reason) lines.push(`Reason: ${notice.reason}`);
  if (notice.canAskAgainAt) lines.push(`You can ask again from ${readableDate(notice.canAskAgainAt)}.`);
  return lines.join("\n");
}

/**
 * `join_request.requester_told`: the person who asked hears the decision from the bot, where they
 * have it installed (their conversation reference, keyed by (tid, oid)). Without the bot there is
 * nothing to send: the tab shows the outcome at their next visit.
 */
export async function tellRequester(ctx: WorkerContext, requestId: string): Promise<boolean> {
  const notice = await loadDecisionNotice(ctx.store, requestId);
  if (!notice?.conversation) return false;
  await paced(ctx, notice.conversation, () => ctx.transport.send(notice.conversation!.reference as never, { type: "message", text: decisionNoticeText(notice), textFormat: "markdown" }));
  ctx.log.info({ requestId, status: notice.status }, "requester told of the decision");
  return true;
}
