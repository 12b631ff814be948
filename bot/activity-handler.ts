import { TeamsActivityHandler, TurnContext, type AdaptiveCardInvokeResponse, type AdaptiveCardInvokeValue } from "botbuilder";
import { saveConversationReference } from "../api/domain/conversations/save-conversation-reference.js";
import type { Logger } from "../api/log.js";
import type { Store } from "../api/store/store.js";
import { actorOf } from "./actions/activity-actor.js";
import { decideFromCard, type CardActionAnswer } from "./actions/decide-from-card.js";
import { pendingRequestsReply, rememberListCard } from "./actions/pending-requests.js";
import { refreshCard } from "./actions/refresh-card.js";
import { cardInvokeResponse, messageInvokeResponse } from "./adapter.js";
import { HELP_TEXT, asAttachment } from "./cards/request-card.js";

export interface BotServices {
  store: Store;
  log: Logger;
  now: () => Date;
  /** After a rejection from a card, how long before the person may ask again. */
  rejectionCooldownMs: number;
}

/**
 * RosterLink's bot (docs/spec.md §7). It holds no state of its own: everything it knows is in the store,
 * and the same activity twice does the same thing twice (installs upsert; decisions are first-wins).
 */
export class RosterLinkBot extends TeamsActivityHandler {
  constructor(private readonly services: BotServices) {
    super();
    this.onInstallationUpdateAdd(async (context, next) => {
      await this.remember(context);
      await context.sendActivity(HELP_TEXT);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const botAdded = context.activity.membersAdded?.some((m) => m.id === context.activity.recipient.id);
      if (botAdded) await this.remember(context);
      await next();
    });
    this.onMessage(async (context, next) => {
      if (context.activity.value !== undefined && context.activity.value !== null) await this.submitted(context);
      else await this.command(context);
      await next();
    });
  }

  /** Universal Actions: answered with the updated card; the other admins' copies follow via the outbox. */
  protected override async onAdaptiveCardInvoke(context: TurnContext, invokeValue: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    const answer =
      invokeValue.action?.verb === "refresh"
        ? await refreshCard({ store: this.services.store, now: this.services.now, actor: actorOf(context.activity), data: invokeValue.action.data, userMri: context.activity.from?.id })
        : await this.decide(context, "execute", invokeValue.action?.verb, invokeValue.action?.data);
    return "card" in answer ? cardInvokeResponse(answer.card) : messageInvokeResponse(answer.message);
  }

  /** Action.Submit fallback: no invoke response exists, so the card is updated in place. */
  private async submitted(context: TurnContext): Promise<void> {
    const answer = await this.decide(context, "submit", undefined, context.activity.value);
    const replyToId = context.activity.replyToId;
    if ("card" in answer && replyToId) {
      await context.updateActivity({ type: "message", id: replyToId, attachments: [asAttachment(answer.card)] });
    } else {
      await context.sendActivity("card" in answer ? { attachments: [asAttachment(answer.card)] } : answer.message);
    }
  }

  private async decide(context: TurnContext, source: "execute" | "submit", verb: string | undefined, data: unknown): Promise<CardActionAnswer> {
    const { store, now, log, rejectionCooldownMs } = this.services;
    const actor = actorOf(context.activity);
    const answer = await decideFromCard({ store, now, actor, source, verb, data, cooldownMs: rejectionCooldownMs, userMri: context.activity.from?.id });
    log.info({ activityId: context.activity.id, source, verb, outcome: "card" in answer ? "card" : "refused" }, "bot card action");
    return answer;
  }

  private async command(context: TurnContext): Promise<void> {
    const text = TurnContext.removeRecipientMention(context.activity)?.trim().toLowerCase() ?? "";
    if (text === "pending") {
      const { store, now } = this.services;
      const reply = await pendingRequestsReply({ store, now, actor: actorOf(context.activity), userMri: context.activity.from?.id });
      if (!("card" in reply)) {
        await context.sendActivity(reply.message);
        return;
      }
      const sent = await context.sendActivity({ summary: reply.summary, attachments: [asAttachment(reply.card)] });
      // Like the cards the outbox sends, this list is updated when any of its requests is decided.
      if (sent?.id) await rememberListCard(store, { ...reply.delivery, conversationId: context.activity.conversation.id, activityId: sent.id });
      return;
    }
    await context.sendActivity(HELP_TEXT);
  }

  /** Keyed by (tid, oid) from the activity, so proactive cards reach this admin later (docs/spec.md §7). */
  private async remember(context: TurnContext): Promise<void> {
    const actor = actorOf(context.activity);
    if ("refused" in actor) return;
    const reference = TurnContext.getConversationReference(context.activity);
    await saveConversationReference({
      store: this.services.store,
      tid: actor.tid,
      oid: actor.oid,
      conversationId: context.activity.conversation.id,
      serviceUrl: context.activity.serviceUrl,
      reference,
    });
    this.services.log.info({ tid: actor.tid, conversationId: context.activity.conversation.id }, "bot installed; conversation reference stored");
  }
}
