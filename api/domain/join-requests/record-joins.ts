import type { AuditEntry } from "../audit-log/record-audit.js";

/** Someone who joined through an approval: the requester, or a student who followed their teacher. */
export interface Joined { userId: string; followed: boolean }

/**
 * One `member.joined` entry per person an approval let in, credited to the deciding admin, so Activity
 * answers "who approved whom?" for the students who followed as well as for the requester. Pure: the
 * caller has read the people already and writes the entries with the rest of the decision.
 */
export function joinAuditEntries(
  input: { organizationId: string; requestId: string; actor: { userId: string; name: string }; channel: "tab" | "bot"; joined: Joined[] },
  people: Map<string, { displayName: string; accountType: string | null }>,
): AuditEntry[] {
  if (input.joined.length === 0) return [];
  const teacherName = people.get(input.joined[0]!.userId)?.displayName ?? null;
  return input.joined.map(({ userId, followed }) => {
    const person = people.get(userId);
    return {
      organizationId: input.organizationId,
      actor: { userId: input.actor.userId, name: input.actor.name },
      action: "member.joined",
      channel: input.channel,
      target: { type: "user", id: userId },
      details: {
        via: followed ? "teacher_subscription" : "request",
        requestId: input.requestId,
        userName: person?.displayName ?? null,
        accountType: person?.accountType ?? null,
        ...(followed ? { followed: teacherName } : {}),
      },
    };
  });
}
