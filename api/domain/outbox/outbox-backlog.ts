import { Op } from "sequelize";
import type { AppContext } from "../../context.js";

/** Notifications waiting to be sent, across every instance (they share the database). */
export async function countPendingNotifications(ctx: Pick<AppContext, "store">): Promise<number> {
  return ctx.store.models.Outbox.count({ where: { status: "pending" } });
}

/** Age in seconds of the oldest notification that is due and still waiting; 0 when none is. */
export async function oldestDueNotificationAge(ctx: Pick<AppContext, "store" | "now">): Promise<number> {
  const now = ctx.now();
  const oldest = await ctx.store.models.Outbox.findOne({
    where: { status: "pending", availableAt: { [Op.lte]: now } },
    order: [["createdAt", "ASC"]],
    attributes: ["createdAt"],
    raw: true,
  });
  return oldest ? Math.max(0, (now.getTime() - new Date(oldest.createdAt).getTime()) / 1000) : 0;
}
