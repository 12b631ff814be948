import { createHash, randomBytes } from "node:crypto";

/** One activity the bot sent, in its latest version (an update replaces it). */
export interface LoggedActivity {
  id: string;
  type: string;
  text?: string;
  attachments?: unknown[];
  replyToId?: string;
  updatedAt: string;
}

export interface SandboxConversation {
  id: string;
  upn: string;
  tid: string;
  oid: string;
  activities: Map<string, LoggedActivity>;
}

/** What the connector received from the bot, per personal conversation (the Teams chat pane reads it). */
export class ConversationLog {
  private readonly byId = new Map<string, SandboxConversation>();

  /** Personal chats have a stable id per (user, bot): reinstalling finds the same conversation. */
  open(persona: { upn: string; tid: string; oid: string }, botId: string): SandboxConversation {
    const id = `a:${createHash("sha256").update(`${persona.tid}|${persona.oid}|${botId}`).digest("base64url").slice(0, 40)}`;
    let conversation = this.byId.get(id);
    if (!conversation) {
      conversation = { id, upn: persona.upn, tid: persona.tid, oid: persona.oid, activities: new Map() };
      this.byId.set(id, conversation);
    }
    return conversation;
  }

  get(id: string): SandboxConversation | undefined {
    return this.byId.get(id);
  }

  byUpn(upn: string): SandboxConversation | undefined {
    return [...this.byId.values()].find((c) => c.upn === upn.toLowerCase());
  }

  record(conversation: SandboxConversation, activity: Record<string, unknown>, id = `1:${randomBytes(9).toString("base64url")}`): LoggedActivity {
    const logged: LoggedActivity = {
      id,
      type: typeof activity.type === "string" ? activity.type : "message",
      ...(typeof activity.text === "string" ? { text: activity.text } : {}),
      ...(Array.isArray(activity.attachments) ? { attachments: activity.attachments } : {}),
      ...(typeof activity.replyToId === "string" ? { replyToId: activity.replyToId } : {}),
      updatedAt: new Date().toISOString(),
    };
    // Delete first so an update moves to the end: the log reads in the order of latest change.
    conversation.activities.delete(id);
    conversation.activities.set(id, logged);
    return logged;
  }
}

/** The next N bot→connector calls get this answer (`PUT /sandbox/connector/faults`). */
export class ConnectorFaults {
  private plan: { status: number; remaining: number; retryAfterSeconds?: number } | undefined;

  set(status: number, count: number, retryAfterSeconds?: number): void {
    this.plan = count > 0 ? { status, remaining: count, retryAfterSeconds } : undefined;
  }

  take(): { status: number; retryAfterSeconds?: number } | undefined {
    if (!this.plan) return undefined;
    const { status, retryAfterSeconds } = this.plan;
    this.plan.remaining -= 1;
    if (this.plan.remaining <= 0) this.plan = undefined;
    return { status, retryAfterSeconds };
  }
}
