import type { TestApp } from "../helpers/app.js";
import { DEFAULT_OUTBOX_TUNING, type OutboxTuning } from "../../api/tuning.js";

/** Fast outbox for tests: short polls and burst window, quick retries. */
export const FAST_OUTBOX: OutboxTuning = { ...DEFAULT_OUTBOX_TUNING, pollMs: 40, burstWindowMs: 250, backoffBaseMs: 100, backoffMaxMs: 2_000 };

export interface ChatActivity {
  id: string;
  type: string;
  text?: string;
  attachments?: Array<{ contentType: string; content: any }>;
  replyToId?: string;
  updatedAt: string;
}

export async function install(t: TestApp, upn: string): Promise<string> {
  const answer = await t.sandboxCall("POST", "/sandbox/connector/install", { upn });
  if (answer.status !== 200) throw new Error(`install ${upn}: ${answer.status} ${answer.text}`);
  return answer.body.conversationId;
}

export async function chat(t: TestApp, upn: string): Promise<ChatActivity[]> {
  const answer = await t.sandboxCall("GET", `/sandbox/connector/conversations/${encodeURIComponent(upn)}`);
  return answer.body.activities;
}

export const cardsIn = (activities: ChatActivity[]) => activities.filter((a) => a.attachments?.some((x) => x.contentType === "application/vnd.microsoft.card.adaptive"));
export const cardOf = (activity: ChatActivity) => activity.attachments!.find((x) => x.contentType === "application/vnd.microsoft.card.adaptive")!.content;
export const cardText = (card: unknown) => JSON.stringify(card);

/** Polls until `check` passes (the outbox works in the background). */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      lastError = error;
      if (Date.now() > deadline) throw lastError;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

export async function cardFor(t: TestApp, upn: string, requestId: string): Promise<ChatActivity> {
  return eventually(async () => {
    const card = cardsIn(await chat(t, upn)).find((a) => cardText(cardOf(a)).includes(requestId));
    if (!card) throw new Error(`no card for ${requestId} in ${upn}'s chat: ${JSON.stringify(await chat(t, upn)).slice(0, 600)}`);
    return card;
  });
}

/** The latest version of one activity the persona received. */
export async function activityIn(t: TestApp, upn: string, activityId: string): Promise<ChatActivity> {
  const found = (await chat(t, upn)).find((a) => a.id === activityId);
  if (!found) throw new Error(`${upn} has no activity ${activityId}`);
  return found;
}
