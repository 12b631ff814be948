import type { Transaction } from "sequelize";
import type { Store } from "../../store/store.js";

export interface SettleInput {
  store: Store;
  ids: string[];
  claimToken: string;
  now: Date;
  transaction?: Transaction;
}

/** Marks claimed rows sent. Called right after the send, so a restart never sends them again. */
export async function completeNotifications({ store, ids, claimToken, now, transaction }: SettleInput): Promise<void> {
  if (ids.length === 0) return;
  await store.models.Outbox.update(
    { status: "sent", sentAt: now, claimedBy: null, claimedUntil: null },
    { where: { id: ids, claimedBy: claimToken }, transaction },
  );
}

/**
 * Gives claimed rows back for a later attempt, or marks them failed once they have used their
 * attempts. The claim is released so any instance may pick them up when they are due again.
 */
export async function retryNotifications(
  input: SettleInput & { availableAt: Date; error: string; maxAttempts: number },
): Promise<{ failed: number; retried: number }> {
  const { store, ids, claimToken, availableAt, error, maxAttempts, now } = input;
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
export async function failNotifications({ store, ids, claimToken, now }: SettleInput, error: string): Promise<void> {
  if (ids.length === 0) return;
  await store.models.Outbox.update(
    { status: "failed", availableAt: now, claimedBy: null, claimedUntil: null, lastError: error.slice(0, 500) },
    { where: { id: ids, claimedBy: claimToken } },
  );
}
