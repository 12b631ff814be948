import type { JoinRequestItem } from "../../contract/requests.js";

/** Adaptive Card 1.5 (SPEC §6): Teams renders it; older clients use each action's Action.Submit fallback. */
type Card = Record<string, unknown>;
const SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json";

/**
 * Approve/Reject as Universal Actions. Card data carries only the request id — who acts is read
 * from the activity, never from the card (SPEC §7). Submit has no verb, so its data names it.
 */
export function decisionActions(requestId: string): Card[] {
  const action = (verb: "approve" | "reject", title: string, style: "positive" | "destructive") => ({
    type: "Action.Execute",
    title,
    verb,
    style,
    data: { requestId },
    fallback: { type: "Action.Submit", title, data: { requestId, verb } },
  });
  return [action("approve", "Approve", "positive"), action("reject", "Reject", "destructive")];
}

const typeLabel: Record<string, string> = { teacher: "Teacher", student: "Student", creator: "Creator", learner: "Learner" };

export function outcomeText(request: JoinRequestItem): string | undefined {
  if (request.status === "approved") return `✅ Approved by ${request.decidedBy?.name ?? "an admin"}`;
  if (request.status === "rejected") return `❌ Rejected by ${request.decidedBy?.name ?? "an admin"}`;
  if (request.status === "expired") return "⌛ Expired after 30 days";
  return undefined;
}

/** One request: who asks, what they are, how many students follow; buttons while it is pending. */
export function requestCard(request: JoinRequestItem, organizationName: string, note?: string): Card {
  const facts = [
    { title: "Email", value: request.user.email ?? "—" },
    { title: "Detected type", value: request.detectedAccountType ? typeLabel[request.detectedAccountType] : "Not detected" },
    { title: "Asked", value: `{{DATE(${request.createdAt.replace(/\.\d{3}Z$/, "Z")}, SHORT)}}` },
  ];
  if (request.studentsWhoWillFollow > 0) facts.push({ title: "Students who will follow", value: String(request.studentsWhoWillFollow) });
  const outcome = outcomeText(request);
  return {
    type: "AdaptiveCard",
    $schema: SCHEMA,
    version: "1.5",
    body: [
      { type: "TextBlock", text: `${request.user.displayName} asks to join ${organizationName}`, weight: "Bolder", size: "Medium", wrap: true },
      { type: "FactSet", facts },
      ...(outcome ? [{ type: "TextBlock", text: outcome, wrap: true, weight: "Bolder" }] : []),
      ...(note ? [{ type: "TextBlock", text: note, wrap: true, color: "Attention" }] : []),
    ],
    actions: request.status === "pending" ? decisionActions(request.id) : [],
  };
}

/** Shown on a digest or `pending` card; the rest are in the tab. */
export const LISTED_ON_A_CARD = 5;

/** Several requests on one card: each with its own buttons while pending (digest and `pending`). */
export function requestListCard(title: string, requests: JoinRequestItem[], total: number, note?: string): Card {
  const shown = requests.slice(0, LISTED_ON_A_CARD);
  const rows = shown.flatMap((request) => {
    const outcome = outcomeText(request);
    const detail = [request.user.email, request.detectedAccountType && typeLabel[request.detectedAccountType], request.studentsWhoWillFollow > 0 ? `${request.studentsWhoWillFollow} students follow` : undefined]
      .filter(Boolean)
      .join(" · ");
    return [
      { type: "TextBlock", text: request.user.displayName, weight: "Bolder", wrap: true, separator: true },
      { type: "TextBlock", text: detail || " ", isSubtle: true, spacing: "None", wrap: true },
      outcome ? { type: "TextBlock", text: outcome, spacing: "Small", wrap: true } : { type: "ActionSet", actions: decisionActions(request.id) },
    ];
  });
  const more = total - shown.length;
  return {
    type: "AdaptiveCard",
    $schema: SCHEMA,
    version: "1.5",
    body: [
      { type: "TextBlock", text: title, weight: "Bolder", size: "Medium", wrap: true },
      ...rows,
      ...(more > 0 ? [{ type: "TextBlock", text: `…and ${more} more. Type **pending** or open Management requests in RosterLink.`, wrap: true }] : []),
      ...(note ? [{ type: "TextBlock", text: note, wrap: true, color: "Attention" }] : []),
    ],
  };
}

export const HELP_TEXT = [
  "I tell organization admins when someone asks to join, and you can approve or reject right from the card.",
  "",
  "• **pending** — the requests waiting for a decision",
  "• **help** — this message",
].join("\n");

export const asAttachment = (card: Card) => ({ contentType: "application/vnd.microsoft.card.adaptive", content: card });
