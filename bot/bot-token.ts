import { ConfidentialClientApplication, ServerError } from "@azure/msal-node";
import { msalSystemOptions } from "../api/auth/msal-network.js";
import { scrub } from "../api/log.js";

/** Where a bot gets the app-only tokens it presents to the channel (the Bot Connector). */
export interface BotTokenSource {
  /** A token for `{audience}/.default`, from msal's cache unless `refresh()` was called since. */
  token(audience: string): Promise<string>;
  /** The channel refused the last token (401): the next `token()` asks Entra for a new one. */
  refresh(): void;
}

/**
 * The authority a single-tenant bot's token comes from: its own tenant. botbuilder's MultiTenant type
 * used `{host}/botframework.com`, where a single-tenant app does not exist (AADSTS700016).
 */
export const botAuthority = (authorityHost: string, botTenantId: string) => `${authorityHost.replace(/\/+$/, "")}/${botTenantId}`;

/** Client credentials for a single-tenant bot's app registration, through msal-node. */
export function singleTenantBotToken(options: {
  botId: string;
  botPassword: string;
  botTenantId: string;
  authorityHost: string;
  /** Sandbox mode: the sandbox's certificate, trusted by msal's client only. */
  trustedCaPem?: string;
}): BotTokenSource {
  const client = new ConfidentialClientApplication({
    auth: {
      clientId: options.botId,
      clientSecret: options.botPassword,
      authority: botAuthority(options.authorityHost, options.botTenantId),
      knownAuthorities: [new URL(options.authorityHost).host],
    },
    system: msalSystemOptions(options.trustedCaPem),
  });
  let stale = false;
  return {
    async token(audience) {
      const skipCache = stale;
      try {
        const result = await client.acquireTokenByClientCredential({ scopes: [`${audience.replace(/\/+$/, "")}/.default`], skipCache });
        if (!result?.accessToken) throw new Error("the authority answered without an access token");
        if (skipCache) stale = false;
        return result.accessToken;
      } catch (error) {
        // Entra's first line names the AADSTS code (e.g. 700016 for a wrong authority); no secret is in it.
        const reason = error instanceof ServerError ? (error.errorMessage || error.errorCode).split(/\r?\n/)[0]! : error instanceof Error ? error.message : String(error);
        throw new Error(`bot token request failed: ${scrub(reason).slice(0, 300)}`);
      }
    },
    refresh() {
      stale = true;
    },
  };
}
