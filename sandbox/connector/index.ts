import { sendJson } from "../server/http-io.js";
import type { SandboxRoute } from "../server/router.js";
import type { SandboxServices } from "../services.js";
import { BotEndpoint } from "./bot-endpoint.js";
import { CHANNEL_TOKEN_ISSUER, ChannelKey } from "./channel-key.js";
import { connectorControlRoutes } from "./control-routes.js";
import { ConnectorFaults, ConversationLog } from "./conversation-log.js";
import { CONNECTOR_AUDIENCE, v3Routes } from "./v3-routes.js";
import { botRegistrationRoutes } from "./bot-registration-routes.js";
import { TokenRevocations } from "./token-revocations.js";
import { ConnectorRateLimits } from "./rate-limits.js";

/** What the app needs to trust this connector (sandbox mode only) and to reach it. */
export interface SandboxConnector {
  /** ToBotFromChannelOpenIdMetadataUrl */
  openIdMetadataUrl: string;
  /** ToBotFromChannelTokenIssuer */
  tokenIssuer: string;
  /** ToChannelFromBotOAuthScope */
  oauthScope: string;
  /**
   * The sandbox's Entra authority host. The bot derives its token authority from it and its own
   * tenant, as in production; asking the botframework.com tenant fails (AADSTS700016).
   */
  authorityHost: string;
  /** The serviceUrl activities carry; plain HTTP on the sandbox port (the JWT checks still run). */
  serviceUrl: string;
  /** Where activities go: the app's /api/messages. The app sets it when it starts. */
  setBotEndpoint(url: string): void;
}

/**
 * The sandbox's Bot Connector (docs/spec.md §11): signs activities with its own key and posts them to the
 * bot, and receives the bot's messages and card updates through the v3 conversations API.
 */
export function createConnector(services: SandboxServices): { routes: SandboxRoute[]; connector: SandboxConnector } {
  const key = new ChannelKey();
  const log = new ConversationLog();
  const faults = new ConnectorFaults();
  const serviceUrl = `${services.httpUrl}/connector/`;
  const endpoint = new BotEndpoint(key, services, serviceUrl);
  const revocations = new TokenRevocations();
  const limits = new ConnectorRateLimits();
  const jwksUri = `${services.httpUrl}/connector/botframework/keys?kid=${key.kid}`;

  const routes: SandboxRoute[] = [
    {
      method: "GET",
      path: "/connector/botframework/v1/.well-known/openidconfiguration",
      handle: ({ res }) =>
        sendJson(res, 200, {
          issuer: CHANNEL_TOKEN_ISSUER,
          authorization_endpoint: "https://invalid.botframework.com",
          jwks_uri: jwksUri,
          id_token_signing_alg_values_supported: ["RS256"],
          token_endpoint_auth_methods_supported: ["private_key_jwt"],
        }),
    },
    { method: "GET", path: "/connector/botframework/keys", handle: ({ res }) => sendJson(res, 200, key.jwks()) },
    ...v3Routes(services, log, faults, revocations, limits),
    ...botRegistrationRoutes(services, revocations),
    ...connectorControlRoutes(services, log, faults, endpoint, limits),
  ];
  return {
    routes,
    connector: {
      openIdMetadataUrl: `${services.httpUrl}/connector/botframework/v1/.well-known/openidconfiguration?kid=${key.kid}`,
      tokenIssuer: CHANNEL_TOKEN_ISSUER,
      oauthScope: CONNECTOR_AUDIENCE,
      authorityHost: services.httpsUrl,
      serviceUrl,
      setBotEndpoint: (url) => {
        endpoint.url = url;
      },
    },
  };
}
