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

/**
 * Outside Teams the tab signs in with the authorization code flow and PKCE. The app registration is a
 * confidential client (it also does on-behalf-of), so the code is redeemed here with the client secret
 * rather than in the browser, where a secret cannot be kept. The API still verifies the resulting
 * token on every call like any other (SPEC §9); nothing is stored.
 */
export async function redeemAuthorizationCode(
  deps: Pick<AppContext, "microsoft" | "publicUrl" | "fetch" | "log">,
  input: RedeemAuthorizationCode,
): Promise<{ accessToken: string; expiresAt: number }> {
  const { microsoft } = deps;
  const form = new URLSearchParams({
    grant_type: "authorization_code",
    client_id: microsoft.clientId,
    client_secret: microsoft.clientSecret,
    code: input.code,
    code_verifier: input.codeVerifier,
    redirect_uri: `${deps.publicUrl()}${webSignInRedirectPath}`,
    scope: `${accessAsUserScope(microsoft.appIdUri)} openid profile`,
  });
  let response: Response;
  try {
    response = await deps.fetch(`${microsoft.authorityHost}/common/oauth2/v2.0/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: form.toString(),
      signal: AbortSignal.timeout(10_000),
    });
  } catch (error) {
    deps.log.warn({ err: error }, "authorization code redemption could not reach the authority");
    throw unavailable("authority_unreachable", "Microsoft sign-in could not be reached. Try again in a moment.");
  }
  const answer = (await response.json().catch(() => ({}))) as {
    access_token?: string;
    expires_in?: number;
    error?: string;
    error_description?: string;
  };
  if (!response.ok || !answer.access_token) {
    // Entra's description names the AADSTS code, which is what a person needs to fix a sign-in.
    const reason = answer.error_description?.split("\r\n")[0] ?? answer.error ?? `status ${response.status}`;
    deps.log.info({ error: answer.error, status: response.status }, "authorization code refused");
    throw badRequest("sign_in_failed", `Microsoft sign-in did not complete: ${reason}`);
  }
  return { accessToken: answer.access_token, expiresAt: Date.now() + (answer.expires_in ?? 3600) * 1000 };
}
