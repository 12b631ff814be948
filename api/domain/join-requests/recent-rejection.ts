import { Op, type Transaction } from "sequelize";
import { Problem } from "../../errors.js";
import { PROBLEM_CODES } from "../../../contract/problems.js";
import type { Store } from "../../store/store.js";

export interface RecentRejection {
  id: string;
  reason: string | null;
  decidedAt: Date;
  canAskAgainAt: Date;
}

/**
 * The person's latest rejection by this organization while its cooldown runs (docs/spec.md §6 as extended:
 * a rejected person is told, and asks again only after the cooldown). Null once it has passed.
 */
export async function recentRejection(
  store: Store,
  who: { organizationId: string; userId: string },
  now: Date,
  transaction?: Transaction,
): Promise<RecentRejection | null> {
  const row = await store.models.JoinRequest.findOne({
    where: { organizationId: who.organizationId, userId: who.userId, status: "rejected", canAskAgainAt: { [Op.gt]: now } },
    attributes: ["id", "decisionReason", "decidedAt", "canAskAgainAt"],
    order: [["decidedAt", "DESC"]],
    raw: true,
    transaction,
  });
  if (!row || !row.canAskAgainAt) return null;
  return { id: row.id, reason: row.decisionReason, decidedAt: new Date(row.decidedAt ?? row.canAskAgainAt), canAskAgainAt: new Date(row.canAskAgainAt) };
}

/** 409 with a stable code, the date and the reason, and Retry-After for clients that wait. */
export function askedTooSoon(rejection: RecentRejection, now: Date): Problem {
  const seconds = Math.max(1, Math.ceil((rejection.canAskAgainAt.getTime() - now.getTime()) / 1000));
  return new Problem(
    409,
    PROBLEM_CODES.joinRequestCooldown,
    "Conflict",
    `Your last request was declined. You can ask again from ${rejection.canAskAgainAt.toISOString()}.`,
    { canAskAgainAt: rejection.canAskAgainAt.toISOString(), reason: rejection.reason },
    { "Retry-After": String(seconds) },
  );
}
