import { ServerError } from "@azure/msal-node";
import type { MicrosoftSettings } from "../config.js";
import { msalClients } from "./msal-clients.js";
import type { AppContext } from "../context.js";
import { badRequest, unavailable } from "../errors.js";

export interface RedeemAuthorizationCode {
  code: string;
  codeVerifier: string;
}

/** The fixed page of the tab that Entra sends the browser back to; never taken from the request. */
export const webSignInRedirectPath = "/auth/callback";

/** The delegated scope the tab needs for the API, as the tab asks for it outside Teams. */
export const accessAsUserScope = (appIdUri: string) => `${appIdUri}/access_as_user`;

const REDEMPTION_TIMEOUT_MS = 10_000;

/** One set of msal clients per app configuration. */
const clients = new WeakMap<MicrosoftSettings, ReturnType<typeof msalClients>>();

function clientFor(microsoft: MicrosoftSettings, trustedCaPem: string | undefined) {
  let forSegment = clients.get(microsoft);
  if (!forSegment) {
    forSegment = msalClients(microsoft, trustedCaPem);
    clients.set(microsoft, forSegment);
  }
  // Any work or school tenant may sign in (the app is multi-tenant); the token names the tenant.
  return forSegment("organizations");
}

/**
 * Outside Teams the tab signs in with the authorization code flow and PKCE. The app registration is a
 * confidential client (it also does on-behalf-of), so the code is redeemed here with the client secret,
 * through msal-node, rather than in the browser, where a secret cannot be kept. That is why
 * `/auth/callback` is registered under the Web platform: Entra redeems a Spa platform's code only
 * cross-origin from a browser (AADSTS9002327). The API still verifies the resulting token on every
 * call like any other (docs/spec.md §9); nothing is stored.
 */
export async function redeemAuthorizationCode(
  deps: Pick<AppContext, "microsoft" | "publicUrl" | "trustedCaPem" | "log">,
  input: RedeemAuthorizationCode,
): Promise<{ accessToken: string; expiresAt: number }> {
  const client = clientFor(deps.microsoft, deps.trustedCaPem);
  const redemption = client.acquireTokenByCode({
    code: input.code,
    codeVerifier: input.codeVerifier,
    redirectUri: `${deps.publicUrl()}${webSignInRedirectPath}`,
    scopes: [accessAsUserScope(deps.microsoft.appIdUri)],
  });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("authorization code redemption timed out")), REDEMPTION_TIMEOUT_MS);
  });
  try {
    const result = await Promise.race([redemption, timeout]);
    if (!result?.accessToken) throw new Error("the authority answered without an access token");
    // The browser keeps the token; msal's in-memory cache would only grow with every sign-in.
    if (result.account) await client.getTokenCache().removeAccount(result.account);
    return { accessToken: result.accessToken, expiresAt: result.expiresOn?.getTime() ?? Date.now() + 3600_000 };
  } catch (error) {
    if (error instanceof ServerError) {
      // Entra's description names the AADSTS code, which is what a person needs to fix a sign-in.
      const reason = (error.errorMessage || error.errorCode).split(/\r?\n/)[0]!.replace(/\s*Trace ID:.*$/, "");
      deps.log.info({ error: error.errorCode }, "authorization code refused");
      throw badRequest("sign_in_failed", `Microsoft sign-in did not complete: ${reason}`);
    }
    deps.log.warn({ err: error }, "authorization code redemption could not reach the authority");
    throw unavailable("authority_unreachable", "Microsoft sign-in could not be reached. Try again in a moment.");
  } finally {
    clearTimeout(timer);
    redemption.catch(() => undefined);
  }
}
