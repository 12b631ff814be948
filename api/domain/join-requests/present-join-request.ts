import { Op, col, fn, type Transaction } from "sequelize";
import type { JoinRequestItem, JoinRequestStatusView } from "../../../contract/requests.js";
import type { JoinRequestRow, Models } from "../../store/models.js";

/** Expiry is a matter of time, not of a background job: a pending request past `expiresAt` is expired. */
export function effectiveStatus(request: Pick<JoinRequestRow, "status" | "expiresAt">, now: Date): JoinRequestStatusView {
  if (request.status === "pending" && new Date(request.expiresAt).getTime() < now.getTime()) return "expired";
  return request.status;
}

/** How many students join with each of these users when approved (teachers with a subscription). */
export async function countFollowingStudents(models: Models, userIds: string[], transaction?: Transaction): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  if (userIds.length === 0) return counts;
  const subscriptions = await models.TeacherSubscription.findAll({
    where: { teacherUserId: { [Op.in]: userIds }, status: "active" },
    attributes: ["id", "teacherUserId"],
    raw: true,
    transaction,
  });
  if (subscriptions.length === 0) return counts;
  // One grouped count for the whole page, not one count per teacher (a page of a bulk decision has ~30).
  const grouped = (await models.SubscriptionStudent.findAll({
    where: { subscriptionId: { [Op.in]: subscriptions.map((s) => s.id) } },
    attributes: ["subscriptionId", [fn("COUNT", col("id")), "students"]],
    group: ["subscriptionId"],
    raw: true,
    transaction,
  })) as unknown as Array<{ subscriptionId: string; students: number | string }>;
  const bySubscription = new Map(grouped.map((g) => [g.subscriptionId, Number(g.students)]));
  for (const subscription of subscriptions) counts.set(subscription.teacherUserId, bySubscription.get(subscription.id) ?? 0);
  return counts;
}

/** Shapes requests for the tab and the bot: plain data, names for display only. */
export async function presentJoinRequests(
  models: Models,
  requests: JoinRequestRow[],
  now: Date,
  transaction?: Transaction,
): Promise<JoinRequestItem[]> {
  const userIds = [...new Set(requests.map((r) => r.userId))];
  const users = userIds.length
    ? await models.User.findAll({ where: { id: { [Op.in]: userIds } }, attributes: ["id", "displayName", "email"], raw: true, transaction })
    : [];
  const byId = new Map(users.map((u) => [u.id, u]));
  const following = await countFollowingStudents(models, userIds, transaction);
  return requests.map((request) => {
    const user = byId.get(request.userId);
    return {
      id: request.id,
      user: { id: request.userId, displayName: user?.displayName ?? "", email: user?.email ?? null },
      detectedAccountType: request.detectedAccountType,
      status: effectiveStatus(request, now),
      createdAt: new Date(request.createdAt).toISOString(),
      expiresAt: new Date(request.expiresAt).toISOString(),
      studentsWhoWillFollow: following.get(request.userId) ?? 0,
      decidedBy: request.decidedByName ? { name: request.decidedByName } : null,
      decidedAt: request.decidedAt ? new Date(request.decidedAt).toISOString() : null,
      channel: request.decisionChannel === "tab" || request.decisionChannel === "bot" ? request.decisionChannel : null,
      reason: request.status === "rejected" ? (request.decisionReason ?? null) : null,
      canAskAgainAt: request.status === "rejected" && request.canAskAgainAt ? new Date(request.canAskAgainAt).toISOString() : null,
    };
  });
}
