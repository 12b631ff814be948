import type { JoinRequestItem } from "../../contract/requests.js";
import { decisionActions, refreshFor } from "./decision-actions.js";
import { cardWords, type CardOrganization } from "./card-words.js";

export { REASON_INPUT_PREFIX } from "./decision-actions.js";

/** Adaptive Card 1.5 (docs/spec.md §6): Teams renders it; older clients use each action's Action.Submit fallback. */
type Card = Record<string, unknown>;
const SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json";

/** An ISO time as Adaptive Cards' DATE() function, so each admin reads it in their own locale. */
const cardDate = (iso: string) => `{{DATE(${iso.replace(/\.\d{3}Z$/, "Z")}, SHORT)}}`;

export function outcomeText(request: JoinRequestItem): string | undefined {
  if (request.status === "approved") return `✅ Approved by ${request.decidedBy?.name ?? "an admin"}`;
  if (request.status === "rejected") {
    const parts = [`❌ Rejected by ${request.decidedBy?.name ?? "an admin"}`];
    if (request.reason) parts.push(`Reason: ${request.reason}`);
    if (request.canAskAgainAt) parts.push(`Can ask again from ${cardDate(request.canAskAgainAt)}`);
    return parts.join(" · ");
  }
  if (request.status === "expired") return "⌛ Expired after 30 days";
  return undefined;
}

export interface CardOptions {
  /** Shown under the card in the Attention colour (why an action changed nothing). */
  note?: string;
  /** The admin's Teams id (29:…), so Teams refreshes the card for them automatically. */
  userMri?: string;
}

/** One request: who asks, what they are, how many follow; buttons while it is pending. */
export function requestCard(request: JoinRequestItem, organization: CardOrganization, options: CardOptions = {}): Card {
  const words = cardWords(organization.kind);
  const facts = [
    { title: "Email", value: request.user.email ?? "—" },
    { title: "Detected type", value: request.detectedAccountType ? words.type(request.detectedAccountType) : "Not detected" },
    { title: "Asked", value: cardDate(request.createdAt) },
  ];
  if (request.studentsWhoWillFollow > 0) facts.push({ title: words.whoWillFollow, value: String(request.studentsWhoWillFollow) });
  const outcome = outcomeText(request);
  return {
    type: "AdaptiveCard",
    $schema: SCHEMA,
    version: "1.5",
    refresh: refreshFor([request.id], options.userMri),
    body: [
      { type: "TextBlock", text: `${request.user.displayName} asks to join ${organization.name}`, weight: "Bolder", size: "Medium", wrap: true },
      { type: "FactSet", facts },
      ...(outcome ? [{ type: "TextBlock", text: outcome, wrap: true, weight: "Bolder" }] : []),
      ...(options.note ? [{ type: "TextBlock", text: options.note, wrap: true, color: "Attention" }] : []),
    ],
    actions: request.status === "pending" ? decisionActions(request.id, request.user.displayName) : [],
  };
}

/** Shown on a digest or `pending` card; the rest are in the tab. */
export const LISTED_ON_A_CARD = 5;

/** A list card's heading says how many still wait, so a refreshed card reads true after decisions. */
export function listCardTitle(organizationName: string, requests: JoinRequestItem[], total = requests.length): string {
  const waiting = requests.filter((r) => r.status === "pending").length + Math.max(0, total - requests.length);
  if (waiting === 0) return `Requests to join ${organizationName}: all decided`;
  return `${waiting} waiting to join ${organizationName}`;
}

/** Several requests on one card: each with its own buttons while pending (digest and `pending`). */
export function requestListCard(organization: CardOrganization, requests: JoinRequestItem[], total: number, options: CardOptions = {}): Card {
  const words = cardWords(organization.kind);
  const shown = requests.slice(0, LISTED_ON_A_CARD);
  const rows = shown.flatMap((request) => {
    const outcome = outcomeText(request);
    const detail = [request.user.email, request.detectedAccountType && words.type(request.detectedAccountType), request.studentsWhoWillFollow > 0 ? words.follow(request.studentsWhoWillFollow) : undefined]
      .filter(Boolean)
      .join(" · ");
    return [
      { type: "TextBlock", text: request.user.displayName, weight: "Bolder", wrap: true, separator: true },
      { type: "TextBlock", text: detail || " ", isSubtle: true, spacing: "None", wrap: true },
      outcome ? { type: "TextBlock", text: outcome, spacing: "Small", wrap: true } : { type: "ActionSet", actions: decisionActions(request.id, request.user.displayName) },
    ];
  });
  const more = total - shown.length;
  return {
    type: "AdaptiveCard",
    $schema: SCHEMA,
    version: "1.5",
    refresh: refreshFor(shown.map((r) => r.id), options.userMri),
    body: [
      { type: "TextBlock", text: listCardTitle(organization.name, shown, total), weight: "Bolder", size: "Medium", wrap: true },
      ...rows,
      ...(more > 0 ? [{ type: "TextBlock", text: `…and ${more} more. Type **pending** or open Management requests in RosterLink.`, wrap: true }] : []),
      ...(options.note ? [{ type: "TextBlock", text: options.note, wrap: true, color: "Attention" }] : []),
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
