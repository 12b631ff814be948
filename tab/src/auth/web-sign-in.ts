import type { ClientConfig } from "../../../contract/client-config.js";
import { redeemSignInCode } from "../api-client/client.js";
import { strings } from "../strings.js";

/** The tab's fixed redirect page; registered with the app (docs/spec.md §9: never taken from a request). */
export const CALLBACK_PATH = "/auth/callback";
const PENDING_KEY = "rosterlink.signIn.pending";
const TOKEN_KEY = "rosterlink.signIn.token";

interface PendingSignIn {
  state: string;
  verifier: string;
  returnTo: string;
}

function base64url(bytes: Uint8Array): string {
  let text = "";
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function randomString(bytes: number): string {
  return base64url(crypto.getRandomValues(new Uint8Array(bytes)));
}

/**
 * Outside Teams: authorization code + PKCE (S256) against the configured authority. `claims` is a claims
 * challenge the API passed on (Conditional Access): Entra then asks for what the policy needs.
 */
export async function startWebSignIn(config: ClientConfig, claims?: string): Promise<void> {
  const verifier = randomString(48);
  const challenge = base64url(new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier))));
  const pending: PendingSignIn = { state: randomString(24), verifier, returnTo: location.hash || "#/home" };
  sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending));
  const url = new URL(`${config.authority}/common/oauth2/v2.0/authorize`);
  url.searchParams.set("client_id", config.clientId);
  url.searchParams.set("response_type", "code");
  url.searchParams.set("redirect_uri", `${location.origin}${CALLBACK_PATH}`);
  url.searchParams.set("scope", config.scopes.join(" "));
  url.searchParams.set("state", pending.state);
  url.searchParams.set("code_challenge", challenge);
  url.searchParams.set("code_challenge_method", "S256");
  url.searchParams.set("response_mode", "query");
  if (claims) url.searchParams.set("claims", claims);
  location.assign(url.toString());
}

/** On /auth/callback: checks the state, has the API redeem the code, keeps the token for this tab only. */
export async function completeWebSignIn(): Promise<string> {
  const params = new URLSearchParams(location.search);
  const pendingText = sessionStorage.getItem(PENDING_KEY);
  sessionStorage.removeItem(PENDING_KEY);
  const pending = pendingText ? (JSON.parse(pendingText) as PendingSignIn) : null;
  const error = params.get("error");
  if (error) throw new Error(strings.signIn.failed(params.get("error_description") ?? error));
  if (!pending || params.get("state") !== pending.state) throw new Error(strings.signIn.stateMismatch);
  const token = await redeemSignInCode(params.get("code") ?? "", pending.verifier);
  sessionStorage.setItem(TOKEN_KEY, JSON.stringify(token));
  // Leave the callback URL (and its code) out of history.
  history.replaceState(null, "", `/${pending.returnTo}`);
  return token.accessToken;
}

/** The token from an earlier sign-in in this browser tab, if it is still good for a minute. */
export function storedWebToken(): string | null {
  const text = sessionStorage.getItem(TOKEN_KEY);
  if (!text) return null;
  const token = JSON.parse(text) as { accessToken: string; expiresAt: number };
  return token.expiresAt - Date.now() > 60_000 ? token.accessToken : null;
}

export function signOutOfWeb(): void {
  sessionStorage.removeItem(TOKEN_KEY);
}
