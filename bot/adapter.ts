/**
 * The one module that knows botbuilder's adapter and authentication types and the shape of invoke
 * responses. Everything else in bot/ speaks in plain activities and conversation references, so
 * moving to the Microsoft 365 Agents SDK later rewrites this file only (docs/migration.md).
 */
import type { Request, Response } from "restify";
import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ActivityHandlerBase,
  type AdaptiveCardInvokeResponse,
  type ConversationReference,
  type Activity,
} from "botbuilder";
import { ServiceClientCredentialsFactory } from "botframework-connector";
import type { FetchLike } from "../api/http/https-fetch.js";
import { scrub, type Logger } from "../api/log.js";

export type BotActivity = Partial<Activity>;
export type BotConversationReference = Partial<ConversationReference>;

/** How the bot authenticates: Microsoft's cloud, the sandbox's connector, or the playground (none). */
export type BotAuthentication =
  | { kind: "microsoft"; botId: string; botPassword: string }
  | {
      kind: "sandbox";
      botId: string;
      botPassword: string;
      fetch: FetchLike;
      openIdMetadataUrl: string;
      tokenIssuer: string;
      loginUrl: string;
      oauthScope: string;
    }
  /** The Agents Playground sends unsigned activities; only scripts/playground.ts in sandbox mode asks for this. */
  | { kind: "playground" };

/** A call to the channel failed; status and Retry-After let the outbox decide when to try again. */
export class ChannelCallFailed extends Error {
  constructor(readonly status: number | undefined, readonly retryAfterMs: number | undefined, message: string) {
    super(message);
    this.name = "ChannelCallFailed";
  }
}

export interface BotTransport {
  /** Serves POST /api/messages: authenticates the activity (401 if it cannot) and runs the handler. */
  process(req: Request, res: Response, bot: ActivityHandlerBase): Promise<void>;
  /** Sends a new activity into a stored conversation; answers the new activity's id. */
  send(reference: BotConversationReference, activity: BotActivity): Promise<string>;
  /** Replaces an activity the bot sent earlier (card updates). */
  update(reference: BotConversationReference, activityId: string, activity: BotActivity): Promise<void>;
}

export function createBotTransport(auth: BotAuthentication, log: Logger): BotTransport {
  const botId = auth.kind === "playground" ? "" : auth.botId;
  const authentication = botFrameworkAuthentication(auth);
  const adapter = new CloudAdapter(authentication);
  adapter.onTurnError = async (context, error) => {
    log.error({ err: error, activityType: context.activity.type, activityId: context.activity.id }, "bot turn failed");
    throw error;
  };
  const within = async (reference: BotConversationReference, work: (ctx: { sendActivity: (a: BotActivity) => Promise<{ id?: string } | undefined>; updateActivity: (a: BotActivity) => Promise<unknown> }) => Promise<void>) => {
    try {
      await adapter.continueConversationAsync(botId, reference, async (context) => work(context));
    } catch (error) {
      throw toChannelFailure(error);
    }
  };
  return {
    async process(req, res, bot) {
      // botbuilder answers 500 when jsonwebtoken rejects a signature; any activity that does not
      // authenticate is a 401 (SPEC §9), so it is checked once here before the turn runs.
      try {
        await authentication.authenticateRequest(req.body as Activity, req.headers.authorization ?? "");
      } catch (error) {
        log.info({ reason: error instanceof Error ? scrub(error.message).slice(0, 200) : "unknown" }, "bot activity refused: not authenticated");
        res.header("WWW-Authenticate", 'Bearer error="invalid_token"');
        res.send(401, { code: "unauthenticated_activity", detail: "The activity is not signed by the channel." });
        return;
      }
      await adapter.process(req as never, res as never, (context) => bot.run(context));
    },
    async send(reference, activity) {
      let id = "";
      await within(reference, async (context) => {
        id = (await context.sendActivity(activity))?.id ?? "";
      });
      return id;
    },
    async update(reference, activityId, activity) {
      await within(reference, async (context) => {
        await context.updateActivity({ ...activity, id: activityId, conversation: reference.conversation as never });
      });
    },
  };
}

function botFrameworkAuthentication(auth: BotAuthentication): ConfigurationBotFrameworkAuthentication {
  if (auth.kind === "microsoft") {
    return new ConfigurationBotFrameworkAuthentication({ MicrosoftAppId: auth.botId, MicrosoftAppPassword: auth.botPassword, MicrosoftAppType: "MultiTenant" });
  }
  if (auth.kind === "playground") return new ConfigurationBotFrameworkAuthentication({});
  // The real validation path, pointed at the sandbox's connector: its metadata, its issuer, and
  // client-credential tokens from the sandbox's Entra for calls back to it.
  return new ConfigurationBotFrameworkAuthentication(
    {
      MicrosoftAppId: auth.botId,
      ToBotFromChannelOpenIdMetadataUrl: auth.openIdMetadataUrl,
      ToBotFromChannelTokenIssuer: auth.tokenIssuer,
      ToChannelFromBotLoginUrl: auth.loginUrl,
      ToChannelFromBotOAuthScope: auth.oauthScope,
      ToBotFromEmulatorOpenIdMetadataUrl: auth.openIdMetadataUrl,
      OAuthUrl: auth.loginUrl,
      CallerId: "urn:botframework:sandbox",
      ValidateAuthority: true,
    },
    new SandboxCredentialsFactory(auth.botId, auth.botPassword, auth.fetch),
  );
}

/**
 * botbuilder's own MSAL client cannot be told to trust the sandbox's certificate per client, so in
 * sandbox mode the bot gets its connector token with client credentials through the app's fetch,
 * which trusts that one certificate (TLS verification stays on).
 */
class SandboxCredentialsFactory extends ServiceClientCredentialsFactory {
  private readonly tokens = new Map<string, { value: string; expiresAt: number }>();

  constructor(private readonly botId: string, private readonly botPassword: string, private readonly fetch: FetchLike) {
    super();
  }

  async isValidAppId(appId: string): Promise<boolean> {
    return appId === this.botId;
  }

  async isAuthenticationDisabled(): Promise<boolean> {
    return false;
  }

  async createCredentials(_appId: string, audience: string | undefined, loginEndpoint: string) {
    const token = () => this.token(loginEndpoint, audience ?? "https://api.botframework.com");
    return {
      async signRequest<T extends { headers: { set(name: string, value: string): void } }>(webResource: T): Promise<T> {
        webResource.headers.set("authorization", `Bearer ${await token()}`);
        return webResource;
      },
    } as never;
  }

  private async token(loginEndpoint: string, audience: string): Promise<string> {
    const key = `${loginEndpoint}|${audience}`;
    const cached = this.tokens.get(key);
    if (cached && cached.expiresAt > Date.now() + 60_000) return cached.value;
    const body = new URLSearchParams({ grant_type: "client_credentials", client_id: this.botId, client_secret: this.botPassword, scope: `${audience.replace(/\/$/, "")}/.default` });
    const response = await this.fetch(`${loginEndpoint}/oauth2/v2.0/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: body.toString(),
    });
    if (!response.ok) throw new ChannelCallFailed(undefined, undefined, `bot token request failed with ${response.status}`);
    const answer = (await response.json()) as { access_token: string; expires_in: number };
    this.tokens.set(key, { value: answer.access_token, expiresAt: Date.now() + answer.expires_in * 1000 });
    return answer.access_token;
  }
}

function toChannelFailure(error: unknown): ChannelCallFailed {
  if (error instanceof ChannelCallFailed) return error;
  const e = error as { statusCode?: number; response?: { headers?: { get?(name: string): string | undefined } }; message?: string };
  const retryAfter = e.response?.headers?.get?.("retry-after");
  const seconds = retryAfter !== undefined ? Number(retryAfter) : NaN;
  return new ChannelCallFailed(e.statusCode, Number.isFinite(seconds) ? seconds * 1000 : undefined, e.message ?? String(error));
}

/**
 * Universal Actions answers to an `adaptiveCard/action` invoke: the updated card, or a message saying
 * why not. (Two object literals: @microsoft/teamsfx's factory did only this, at ~10 MB and a second msal-node.)
 */
export const cardInvokeResponse = (card: unknown): AdaptiveCardInvokeResponse => ({
  statusCode: 200,
  type: "application/vnd.microsoft.card.adaptive",
  value: card as Record<string, unknown>,
});
export const messageInvokeResponse = (text: string): AdaptiveCardInvokeResponse => ({
  statusCode: 200,
  type: "application/vnd.microsoft.activity.message",
  value: text as never,
});
