import type { AccountType, AccountTypeSource } from "../store/types.js";

/** A signal's answer: a type and where it came from, or null when the signal does not decide. */
export type DetectedAccountType = { accountType: AccountType; source: Exclude<AccountTypeSource, "user_choice" | "admin"> } | null;

/** Graph's 404 on a per-user resource means "nothing here" — an answer, not a failure. */
export const isNotFound = (error: unknown) => (error as { status?: number } | null)?.status === 404;
