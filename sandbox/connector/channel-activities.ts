import { randomBytes } from "node:crypto";
import type { Persona } from "../fixtures/types.js";
import type { SandboxConversation } from "./conversation-log.js";

/** What every activity from Teams carries, for one persona's personal chat with the bot. */
export interface ChannelContext {
  persona: Persona;
  conversation: SandboxConversation;
  botId: string;
  serviceUrl: string;
}

/** Activities shaped as Teams sends them in a personal chat (ids `29:` users, `28:` bots). */
function base(ctx: ChannelContext, type: string): Record<string, unknown> {
  const now = new Date().toISOString();
  return {
    type,
    id: `f:${randomBytes(9).toString("base64url")}`,
    timestamp: now,
    localTimestamp: now,
    channelId: "msteams",
    serviceUrl: ctx.serviceUrl,
    from: { id: `29:${ctx.persona.oid}`, name: ctx.persona.displayName, aadObjectId: ctx.persona.oid },
    conversation: { conversationType: "personal", tenantId: ctx.persona.tid, id: ctx.conversation.id },
    recipient: { id: `28:${ctx.botId}`, name: "RosterLink" },
    channelData: { tenant: { id: ctx.persona.tid } },
    locale: "en-US",
  };
}

/** Installing the app in personal scope: Teams sends installationUpdate, then conversationUpdate. */
export function installActivities(ctx: ChannelContext): Record<string, unknown>[] {
  return [
    { ...base(ctx, "installationUpdate"), action: "add" },
    { ...base(ctx, "conversationUpdate"), membersAdded: [{ id: `28:${ctx.botId}` }] },
  ];
}

export function messageActivity(ctx: ChannelContext, text: string): Record<string, unknown> {
  return { ...base(ctx, "message"), text, textFormat: "plain" };
}

/** Universal Actions: Action.Execute on a card the bot sent becomes an `adaptiveCard/action` invoke. */
export function executeActivity(ctx: ChannelContext, replyToId: string, verb: string, data: unknown, trigger: "manual" | "automatic" = "manual"): Record<string, unknown> {
  return {
    ...base(ctx, "invoke"),
    name: "adaptiveCard/action",
    replyToId,
    // "automatic": the client refreshing a card it shows (the card's `refresh` action).
    value: { action: { type: "Action.Execute", id: randomBytes(6).toString("hex"), verb, data }, trigger },
  };
}

/** Older clients: Action.Submit posts a message whose `value` is the action's data. */
export function submitActivity(ctx: ChannelContext, replyToId: string, data: unknown): Record<string, unknown> {
  return { ...base(ctx, "message"), replyToId, value: data };
}
