import { Op } from "sequelize";
import type { Identity } from "../../auth/identity.js";
import type { SessionUser } from "../../../contract/session.js";
import { badRequest, conflict } from "../../errors.js";
import type { Store } from "../../store/store.js";
import type { AccountType } from "../../store/types.js";
import { recordAudit } from "../audit-log/record-audit.js";
import { accountTypeChoices, isTeacherLike } from "./account-types.js";
import { requireAccount } from "./load-account.js";
import { presentUser } from "./present-session.js";

export interface ChooseAccountType {
  identity: Identity;
  accountType: AccountType;
}

/**
 * The user picks their type (docs/spec.md §4, §5) — only while it is unknown, or while a self-chosen teacher
 * still waits for confirmation (they may take it back). Where the organization confirms self-chosen
 * teachers, choosing teacher (or creator) leaves `teacherConfirmationPending` set until an admin confirms.
 */
export async function chooseAccountType(deps: { store: Store }, input: ChooseAccountType): Promise<SessionUser> {
  const account = await requireAccount(deps.store, input.identity);
  const organization = account.membership?.organization ?? null;
  const choices = accountTypeChoices(organization?.kind ?? null);
  if (!choices.includes(input.accountType)) {
    throw badRequest("account_type_not_offered", `Choose one of: ${choices.join(", ")}.`, { choices });
  }
  const pending = Boolean(organization?.confirmSelfChosenTeachers) && isTeacherLike(input.accountType);
  const { User } = deps.store.models;

  const updated = await deps.store.transaction(async (transaction) => {
    // The condition is re-checked by the UPDATE itself: two racing choices cannot both win.
    const [count] = await User.update(
      { accountType: input.accountType, accountTypeSource: "user_choice", teacherConfirmationPending: pending },
      { where: { id: account.user.id, [Op.or]: [{ accountType: null }, { teacherConfirmationPending: true }] }, transaction },
    );
    if (count === 0) return false;
    await recordAudit(
      deps.store.models,
      {
        organizationId: organization?.id ?? null,
        actor: { userId: account.user.id, name: account.user.displayName },
        action: "member.account_type_changed",
        channel: "tab",
        target: { type: "user", id: account.user.id },
        details: { from: account.user.accountType, to: input.accountType, source: "user_choice", teacherConfirmationPending: pending },
      },
      transaction,
    );
    return true;
  });
  if (!updated) throw conflict("account_type_already_set", "Your account type is already set; an admin of your organization can change it.");
  return presentUser((await requireAccount(deps.store, input.identity)).user);
}
