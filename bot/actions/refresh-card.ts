import { z } from "zod/v4";
import { toProblem } from "../../api/errors.js";
import { requireRequestAdmin } from "../../api/domain/policies/request-admin.js";
import type { Store } from "../../api/store/store.js";
import { LISTED_ON_A_CARD, requestCard, requestListCard } from "../cards/request-card.js";
import { loadRequestViews } from "../../api/domain/join-requests/load-request-views.js";
import type { ActivityActor } from "./activity-actor.js";
import type { CardActionAnswer } from "./decide-from-card.js";

/** A refresh carries the ids the card shows and nothing else. */
const refreshData = z.object({ requestIds: z.array(z.string().max(64)).min(1).max(LISTED_ON_A_CARD) }).strict();

/**
 * Universal Actions refresh: Teams asks for the card as it is now whenever it shows it, so a card
 * that missed an update (sent before the decision, or an old `pending` list) shows the decision
 * instead of live buttons. Names and emails are on the card, so only an admin of the requests'
 * organization gets it; anyone else gets a short message and sees nothing.
 */
export async function refreshCard(input: {
  store: Store;
  now: () => Date;
  actor: ActivityActor | { refused: string };
  data: unknown;
  userMri?: string;
}): Promise<CardActionAnswer> {
  if ("refused" in input.actor) return { message: input.actor.refused };
  const parsed = refreshData.safeParse(input.data);
  if (!parsed.success) return { message: "This card's data is not a RosterLink card." };
  const { requestIds } = parsed.data;
  try {
    await requireRequestAdmin(input.store, input.actor, requestIds[0]!);
  } catch (error) {
    if (toProblem(error).status >= 500) throw error;
    return { message: "Only an admin of the organization these requests belong to can see them." };
  }
  const views = await loadRequestViews(input, { requestIds });
  if (!views || views.requests.length === 0) return { message: "These requests no longer exist." };
  const options = { userMri: input.userMri };
  return {
    card: requestIds.length === 1 ? requestCard(views.requests[0]!, views.organization, options) : requestListCard(views.organization, views.requests, views.requests.length, options),
  };
}
