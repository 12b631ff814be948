/**
 * Problem codes a client acts on (not only shows), with the extras they carry. The server throws them by
 * these names and the tab matches them by these names, so neither side spells them on its own.
 * Every problem is application/problem+json with a stable `code` (docs/spec.md §13).
 */
export const PROBLEM_CODES = {
  /** 409 on a decision: another admin (or the card) decided first. Extras: decidedBy, decision. */
  requestAlreadyDecided: "request_already_decided",
  /** 409 on asking to join again before the cooldown after a rejection. */
  joinRequestCooldown: "join_request_cooldown",
} as const;

export interface RequestAlreadyDecidedExtras {
  decidedBy?: { name: string };
  decision?: "approved" | "rejected";
}
