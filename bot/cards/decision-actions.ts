/** Adaptive Card 1.5 actions for deciding a request (docs/spec.md §6), shared by single and list cards. */
type Card = Record<string, unknown>;

/** Teams merges inputs into the action's data by id; the request id keeps ids unique on list cards. */
export const REASON_INPUT_PREFIX = "reason-";

const execute = (verb: "approve" | "reject", title: string, style: "positive" | "destructive", requestId: string): Card => ({
  type: "Action.Execute",
  title,
  verb,
  style,
  data: { requestId },
  // Older clients: Action.Submit has no verb, so its data names it.
  fallback: { type: "Action.Submit", title, data: { requestId, verb } },
});

/**
 * Approve at once; Reject first opens a confirmation with an optional reason, because the person is
 * told and waits before they can ask again. Card data carries only the request id (and the typed
 * reason): who acts is read from the activity, never from the card (docs/spec.md §7).
 */
export function decisionActions(requestId: string, personName: string): Card[] {
  return [
    execute("approve", "Approve", "positive", requestId),
    {
      type: "Action.ShowCard",
      title: "Reject…",
      card: {
        type: "AdaptiveCard",
        body: [
          { type: "TextBlock", text: `Reject ${personName}'s request? They are told, and can ask again only after a waiting period.`, wrap: true },
          { type: "Input.Text", id: `${REASON_INPUT_PREFIX}${requestId}`, label: "Reason (optional, shown to them)", isMultiline: true, maxLength: 500 },
        ],
        actions: [execute("reject", "Reject", "destructive", requestId)],
      },
    },
  ];
}

/**
 * Universal Actions refresh (docs/spec.md §6: a card never keeps live buttons for a decided request). When
 * Teams shows the card again it asks the bot for the current one. In a personal chat (fewer than 60
 * members) Teams refreshes for everyone; naming the admin keeps it automatic in larger chats too.
 */
export function refreshFor(requestIds: string[], userMri?: string): Card {
  return {
    action: { type: "Action.Execute", title: "Refresh", verb: "refresh", data: { requestIds } },
    ...(userMri ? { userIds: [userMri] } : {}),
  };
}
