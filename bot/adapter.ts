/**
 * The one module that knows botbuilder's adapter and authentication types, and TeamsFx's invoke
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
import { InvokeResponseFactory } from "@microsoft/teamsfx";
import type { BotType } from "../api/config.js";
import { botAuthority, singleTenantBotToken, type BotTokenSource } from "./bot-token.js";
import { scrub, type Logger } from "../api/log.js";

export type BotActivity = Partial<Activity>;
export type BotConversationReference = Partial<ConversationReference>;

/**
 * How the bot authenticates: Microsoft's cloud, the sandbox's connector, or the playground (none).
 * Bots are single-tenant (their token comes from their own tenant) or a user-assigned managed
 * identity: Azure Bot Service no longer accepts new multi-tenant bots.
 */
export type BotAuthentication =
  | { kind: "microsoft"; botId: string; botPassword: string; botTenantId: string; botType: BotType; authorityHost: string }
  | {
      kind: "sandbox";
      botId: string;
      botPassword: string;
      botTenantId: string;
      /** The sandbox's Entra authority host; the bot's token authority is derived from it as in production. */
      authorityHost: string;
      trustedCaPem: string;
      openIdMetadataUrl: string;
      tokenIssuer: string;
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
  const { authentication, tokens } = botFrameworkAuthentication(auth);
  const adapter = new CloudAdapter(authentication);
  adapter.onTurnError = async (context, error) => {
    log.error({ err: error, activityType: context.activity.type, activityId: context.activity.id }, "bot turn failed");
    throw error;
  };
  type TurnWork = (ctx: { sendActivity: (a: BotActivity) => Promise<{ id?: string } | undefined>; updateActivity: (a: BotActivity) => Promise<unknown> }) => Promise<void>;
  const within = async (reference: BotConversationReference, work: TurnWork) => {
    const attempt = () => adapter.continueConversationAsync(botId, reference, async (context) => work(context));
    try {
      await attempt();
      return;
    } catch (error) {
      // 401 means the channel no longer accepts the bot's cached token (rotated key, revoked
      // secret): fetch a new one and try once more, instead of leaving the card undelivered.
      // Nothing was delivered on a 401, so sending again cannot duplicate a card.
      if (statusOf(error) !== 401) throw toChannelFailure(error);
      log.info({ status: 401 }, "channel refused the bot's token; retrying once with a new token");
      tokens?.refresh();
    }
    try {
      await attempt();
    } catch (error) {
      throw toChannelFailure(error);
    }
  };
  return {
    async process(req, res, bot) {
      // botbuilder answers 500 when jsonwebtoken rejects a signature; any activity that does not
      // authenticate is a 401 (docs/spec.md §9), so it is checked once here before the turn runs.
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

function botFrameworkAuthentication(auth: BotAuthentication): { authentication: ConfigurationBotFrameworkAuthentication; tokens?: BotTokenSource } {
  if (auth.kind === "playground") return { authentication: new ConfigurationBotFrameworkAuthentication({}) };
  if (auth.kind === "microsoft" && auth.botType === "UserAssignedMSI") {
    // botbuilder's own managed-identity credentials (IMDS on App Service); BOT_ID is the identity's client id.
    return {
      authentication: new ConfigurationBotFrameworkAuthentication({
        MicrosoftAppId: auth.botId,
        MicrosoftAppType: "UserAssignedMSI",
        MicrosoftAppTenantId: auth.botTenantId,
      }),
    };
  }
  // A single-tenant bot, in both modes: the same msal client credentials from the bot's own tenant.
  const tokens = singleTenantBotToken({
    botId: auth.botId,
    botPassword: auth.botPassword,
    botTenantId: auth.botTenantId,
    authorityHost: auth.authorityHost,
    trustedCaPem: auth.kind === "sandbox" ? auth.trustedCaPem : undefined,
  });
  const credentials = new BotTokenCredentialsFactory(auth.botId, tokens);
  if (auth.kind === "microsoft") {
    return {
      authentication: new ConfigurationBotFrameworkAuthentication(
        { MicrosoftAppId: auth.botId, MicrosoftAppType: "SingleTenant", MicrosoftAppTenantId: auth.botTenantId },
        credentials,
      ),
      tokens,
    };
  }
  // The real validation path, pointed at the sandbox's connector: its metadata and its issuer.
  return {
    authentication: new ConfigurationBotFrameworkAuthentication(
      {
        MicrosoftAppId: auth.botId,
        MicrosoftAppType: "SingleTenant",
        MicrosoftAppTenantId: auth.botTenantId,
        ToBotFromChannelOpenIdMetadataUrl: auth.openIdMetadataUrl,
        ToBotFromChannelTokenIssuer: auth.tokenIssuer,
        ToChannelFromBotLoginUrl: botAuthority(auth.authorityHost, auth.botTenantId),
        ToChannelFromBotOAuthScope: auth.oauthScope,
        ToBotFromEmulatorOpenIdMetadataUrl: auth.openIdMetadataUrl,
        OAuthUrl: botAuthority(auth.authorityHost, auth.botTenantId),
        CallerId: "urn:botframework:sandbox",
        ValidateAuthority: true,
      },
      credentials,
    ),
    tokens,
  };
}

/**
 * The connector's credentials from a BotTokenSource (msal-node) instead of botbuilder's own: its
 * static token cache cannot be told that the channel refused a token, and its msal cannot trust the
 * sandbox's certificate per client.
 */
class BotTokenCredentialsFactory extends ServiceClientCredentialsFactory {
  constructor(private readonly botId: string, private readonly tokens: BotTokenSource) {
    super();
  }

  async isValidAppId(appId: string): Promise<boolean> {
    return appId === this.botId;
  }

  async isAuthenticationDisabled(): Promise<boolean> {
    return false;
  }

  async createCredentials(_appId: string, audience: string | undefined) {
    const tokens = this.tokens;
    const scope = audience ?? "https://api.botframework.com";
    return {
      async signRequest<T extends { headers: { set(name: string, value: string): void } }>(webResource: T): Promise<T> {
        webResource.headers.set("authorization", `Bearer ${await tokens.token(scope)}`);
        return webResource;
      },
    } as never;
  }
}

function statusOf(error: unknown): number | undefined {
  return (error as { statusCode?: number } | undefined)?.statusCode;
}

function toChannelFailure(error: unknown): ChannelCallFailed {
  if (error instanceof ChannelCallFailed) return error;
  const e = error as { statusCode?: number; response?: { headers?: { get?(name: string): string | undefined } }; message?: string };
  const retryAfter = e.response?.headers?.get?.("retry-after");
  const seconds = retryAfter !== undefined ? Number(retryAfter) : NaN;
  return new ChannelCallFailed(e.statusCode, Number.isFinite(seconds) ? seconds * 1000 : undefined, e.message ?? String(error));
}

/**
 * Universal Actions answers to an `adaptiveCard/action` invoke: the updated card, or a message saying why
 * not. TeamsFx's factory knows the content types and status Teams expects of each answer, so it builds them;
 * it stays behind this module like botbuilder (docs/migration.md).
 */
export const cardInvokeResponse = (card: unknown): AdaptiveCardInvokeResponse => InvokeResponseFactory.adaptiveCard(card).body as AdaptiveCardInvokeResponse;
export const messageInvokeResponse = (text: string): AdaptiveCardInvokeResponse => InvokeResponseFactory.textMessage(text).body as AdaptiveCardInvokeResponse;
