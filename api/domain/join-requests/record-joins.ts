import type { Transaction } from "sequelize";
import type { Models } from "../../store/models.js";
import { recordAudit } from "../audit-log/record-audit.js";

/** Someone who joined through an approval: the requester, or a student who followed their teacher. */
export interface Joined { userId: string; followed: boolean }

/**
 * One `member.joined` row per person an approval let in, credited to the deciding admin, so Activity
 * answers "who approved whom?" for the students who followed as well as for the requester.
 */
export async function recordJoins(
  models: Models,
  input: { organizationId: string; requestId: string; actor: { userId: string; name: string }; channel: "tab" | "bot"; joined: Joined[] },
  transaction: Transaction,
): Promise<void> {
  if (input.joined.length === 0) return;
  const people = await models.User.findAll({ where: { id: input.joined.map((j) => j.userId) }, attributes: ["id", "displayName", "accountType"], raw: true, transaction });
  const byId = new Map(people.map((p) => [p.id, p]));
  const teacherName = byId.get(input.joined[0]!.userId)?.displayName ?? null;
  for (const { userId, followed } of input.joined) {
    const person = byId.get(userId);
    await recordAudit(
      models,
      {
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
      },
      transaction,
    );
  }
}
