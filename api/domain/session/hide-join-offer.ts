import type { Identity } from "../../auth/identity.js";
import type { Store } from "../../store/store.js";
import { requireAccount } from "./load-account.js";

/** docs/spec.md §4: dismissing the join banner hides it for 30 days. */
export const JOIN_OFFER_HIDDEN_MS = 30 * 24 * 60 * 60 * 1000;

export async function hideJoinOffer(deps: { store: Store; now: () => Date }, input: { identity: Identity }): Promise<{ hiddenUntil: Date }> {
  const account = await requireAccount(deps.store, input.identity);
  const hiddenUntil = new Date(deps.now().getTime() + JOIN_OFFER_HIDDEN_MS);
  await deps.store.transaction((transaction) =>
    deps.store.models.User.update({ joinOfferHiddenUntil: hiddenUntil }, { where: { id: account.user.id }, transaction }),
  );
  return { hiddenUntil };
}
