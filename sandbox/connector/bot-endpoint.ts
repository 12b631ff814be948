import type { ChannelKey } from "./channel-key.js";

/** Where the connector delivers activities: the app's /api/messages (set when the app starts). */
export class BotEndpoint {
  url: string | undefined;

  constructor(
    private readonly key: ChannelKey,
    /** The bot's current registration: its app id is the audience of what the channel sends. */
    private readonly registration: { bot: { appId: string } },
    readonly serviceUrl: string,
  ) {}

  get botId(): string {
    return this.registration.bot.appId;
  }

  /** POSTs one activity signed with the channel key, as Bot Framework does; answers the bot's reply. */
  async deliver(activity: Record<string, unknown>, options: { forgeSignature?: boolean } = {}): Promise<{ status: number; body: unknown }> {
    if (!this.url) throw new Error("The Bot Connector does not know the bot's endpoint yet (start RosterLink first).");
    const claims = { audience: this.botId, serviceUrl: this.serviceUrl };
    const token = options.forgeSignature ? await this.key.signWithStrangerKey(claims) : await this.key.sign(claims);
    const response = await fetch(this.url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify(activity),
      signal: AbortSignal.timeout(15_000),
    });
    const text = await response.text();
    let body: unknown = text || undefined;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON */
    }
    return { status: response.status, body };
  }
}
