import { Op } from "sequelize";
import type { Logger } from "../../log.js";
import type { Store } from "../../store/store.js";
import type { Account } from "./load-account.js";

/** The UTC day of an instant, as stored in `users.last_seen_on` ("YYYY-MM-DD"). */
export const dayOf = (instant: Date): string => instant.toISOString().slice(0, 10);

/**
 * Members see a day, not a timestamp (docs/spec.md §4, §8), so a sign-in writes only when the stored
 * day is older than today: one write per person per day, and most sign-ins of the fast path write
 * nothing. The condition in the WHERE makes concurrent sign-ins of one morning write once. Recording
 * the day never fails a sign-in: a lost write only makes the day older until the next sign-in.
 */
export async function recordSignInDay(deps: { store: Store; log: Logger }, account: Account, today: string): Promise<Account> {
  if (account.user.lastSeenOn !== null && account.user.lastSeenOn >= today) return account;
  const { User } = deps.store.models;
  try {
    await deps.store.transaction((transaction) =>
      User.update(
        { lastSeenOn: today },
        { where: { id: account.user.id, [Op.or]: [{ lastSeenOn: null }, { lastSeenOn: { [Op.lt]: today } }] }, silent: true, transaction },
      ),
    );
  } catch (error) {
    deps.log.warn({ userId: account.user.id, err: error }, "could not record the sign-in day");
    return account;
  }
  return { ...account, user: { ...account.user, lastSeenOn: today } };
}
