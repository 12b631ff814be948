import type { MemberRemovalsResult } from "../../../contract/members.js";
import { Problem } from "../../errors.js";
import { removeMember } from "./remove-member.js";
import type { CommandContext } from "../command-context.js";

export interface RemoveMembers {
  organizationId: string;
  actor: { userId: string; name: string };
  userIds: string[];
}

/** Outcomes a single removal may end in without stopping the others. */
const SKIPPED: Record<string, MemberRemovalsResult["results"][number]["outcome"]> = { member_not_found: "not_found", last_admin: "last_admin" };

/**
 * Removes a selection in one step (docs/spec.md §8, members who stopped signing in). Each member is
 * its own transaction with its own audit row, exactly as a single Remove: one member who cannot go
 * (the last admin, someone removed meanwhile) is reported and the others still go. An actor who is no
 * longer an admin stops the whole request at the first member.
 */
export async function removeMembers({ store }: CommandContext, input: RemoveMembers): Promise<MemberRemovalsResult> {
  const results: MemberRemovalsResult["results"] = [];
  for (const userId of new Set(input.userIds)) {
    try {
      await removeMember({ store }, { organizationId: input.organizationId, actor: input.actor, userId });
      results.push({ userId, outcome: "removed" });
    } catch (error) {
      const outcome = error instanceof Problem ? SKIPPED[error.code] : undefined;
      if (!outcome) throw error;
      results.push({ userId, outcome });
    }
  }
  return { removed: results.filter((r) => r.outcome === "removed").length, results };
}
