import type { Transaction } from "sequelize";
import type { CommandContext } from "../command-context.js";

export interface SettleInput {
  ids: string[];
  claimToken: string;
}

/**
 * Marks claimed rows sent. Called right after the send, so a restart never sends them again; inside the
 * caller's transaction when the rows it wrote and their parent being sent must commit together (fan-out).
 */
export async function completeNotifications(
  ctx: CommandContext<"store" | "now">,
  { ids, claimToken, transaction }: SettleInput & { transaction?: Transaction },
): Promise<void> {
  const now = ctx.now();
  if (ids.length === 0) return;
  await ctx.store.models.Outbox.update(
    { status: "sent", sentAt: now, claimedBy: null, claimedUntil: null },
    { where: { id: ids, claimedBy: claimToken }, transaction },
  );
}

/**
 * Gives claimed rows back for a later attempt, or marks them failed once they have used their
 * attempts. The claim is released so any instance may pick them up when they are due again.
 */
export async function retryNotifications(
  ctx: CommandContext<"store" | "now">,
  input: SettleInput & { availableAt: Date; error: string; maxAttempts: number },
): Promise<{ failed: number; retried: number }> {
  const now = ctx.now();
  const { store } = ctx;
  const { ids, claimToken, availableAt, error, maxAttempts } = input;
  const rows = await store.models.Outbox.findAll({ where: { id: ids, claimedBy: claimToken }, attributes: ["id", "attempts"], raw: true });
  let failed = 0;
  for (const row of rows) {
    const attempts = row.attempts + 1;
    const give = attempts >= maxAttempts;
    if (give) failed += 1;
    await store.models.Outbox.update(
      {
        attempts,
        status: give ? "failed" : "pending",
        availableAt: give ? now : availableAt,
        claimedBy: null,
        claimedUntil: null,
        lastError: error.slice(0, 500),
      },
      { where: { id: row.id, claimedBy: claimToken } },
    );
  }
  return { failed, retried: rows.length - failed };
}

/** A notification that can never be sent (unknown kind, the admin removed the bot): failed at once. */
export async function failNotifications(ctx: CommandContext<"store" | "now">, { ids, claimToken, error }: SettleInput & { error: string }): Promise<void> {
  const now = ctx.now();
  if (ids.length === 0) return;
  await ctx.store.models.Outbox.update(
    { status: "failed", availableAt: now, claimedBy: null, claimedUntil: null, lastError: error.slice(0, 500) },
    { where: { id: ids, claimedBy: claimToken } },
  );
}
