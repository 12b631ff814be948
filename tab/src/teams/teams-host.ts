import { app, authentication } from "@microsoft/teams-js";
import type { ClientConfig } from "../../../contract/client-config.js";

export type TeamsTheme = "default" | "dark" | "contrast";

/** The tab's connection to a Teams host: who the user is, the theme, and SSO. */
export interface TeamsConnection {
  /** Light until the context arrives; onThemeChange reports the context's theme, then live changes. */
  theme: TeamsTheme;
  onThemeChange(handler: (theme: TeamsTheme) => void): void;
  getToken(): Promise<string>;
  /** Asks Teams for a new token with a claims challenge (Conditional Access); getToken returns it after. */
  refreshToken(claims: string): Promise<void>;
  /** Opens an authentication pop-up; resolves with what the pop-up passed to notifySuccess. */
  authenticate(url: string): Promise<string>;
  notifySuccess(): void;
  notifyFailure(message: string, authFailed: boolean): void;
}

// Teams answers app.initialize within a second; a page framed by anything else never does.
const INITIALIZE_TIMEOUT_MS = 5_000;

/** `glass` (Teams' newer look) is a light theme as far as Fluent v9 is concerned (docs/spec.md §8). */
export function normalizeTheme(theme: string | undefined): TeamsTheme {
  return theme === "dark" || theme === "contrast" ? theme : "default";
}

/** The origins teams-js should trust besides its own list: in sandbox mode, the sandbox's Teams host. */
export function validMessageOrigins(config: ClientConfig): string[] {
  return config.sandboxHostOrigin ? [config.sandboxHostOrigin] : [];
}

/**
 * teams-js opens only https pop-up URLs. The sandbox serves the same paths over https and http on one
 * port, and its Teams host opens the http side for the browser; so in sandbox mode a sandbox URL is
 * handed to teams-js on the https side. Real consent URLs are https already.
 */
export function popupUrl(url: string, config: ClientConfig): string {
  if (config.sandboxHostOrigin && config.sandboxHttpsOrigin && url.startsWith(`${config.sandboxHostOrigin}/`)) {
    return config.sandboxHttpsOrigin + url.slice(config.sandboxHostOrigin.length);
  }
  return url;
}

export function isFramed(): boolean {
  try {
    return window.parent !== window;
  } catch {
    return true;
  }
}

/** Connects to the Teams host framing this page, or gives null when there is none (the web app). */
export async function connectToTeams(config: ClientConfig): Promise<TeamsConnection | null> {
  if (!isFramed()) return null;
  const initialized = await Promise.race([
    app.initialize(validMessageOrigins(config)).then(() => true),
    new Promise<false>((resolve) => setTimeout(() => resolve(false), INITIALIZE_TIMEOUT_MS)),
  ]).catch(() => false);
  if (!initialized) return null;
  // The SSO token and the context are asked for at once, and sign-in does not wait for the context:
  // Teams shows its own loading indicator until notifySuccess, by when the theme has been applied.
  const fetchToken = (claims?: string) =>
    authentication.getAuthToken(claims ? { claims: [claims] } : undefined).then((token) => ({ token, expiresAt: tokenExpiry(token) }));
  let cached: Promise<{ token: string; expiresAt: number }> = fetchToken();
  cached.catch(() => undefined);
  const contextTheme = app.getContext().then((context) => normalizeTheme(context.app.theme), () => "default" as const);
  return {
    theme: "default",
    onThemeChange(handler) {
      void contextTheme.then(handler);
      app.registerOnThemeChangeHandler((theme) => handler(normalizeTheme(theme)));
    },
    async getToken() {
      // Teams caches tokens too, but each call is a postMessage round trip; keep one until near expiry.
      const current = await cached.catch(() => null);
      if (current && current.expiresAt - Date.now() > 60_000) return current.token;
      cached = fetchToken();
      return (await cached).token;
    },
    async refreshToken(claims) {
      cached = fetchToken(claims);
      await cached;
    },
    authenticate: (url) => authentication.authenticate({ url: popupUrl(url, config), width: 600, height: 720 }),
    notifySuccess: () => void contextTheme.then(() => app.notifySuccess()),
    notifyFailure: (message, authFailed) =>
      app.notifyFailure({ reason: authFailed ? app.FailedReason.AuthFailed : app.FailedReason.Other, message }),
  };
}

/** Reads `exp` to know when to ask again; the API verifies the token, the tab only schedules. */
function tokenExpiry(token: string): number {
  try {
    const payload = JSON.parse(atob(token.split(".")[1]!.replace(/-/g, "+").replace(/_/g, "/"))) as { exp?: number };
    return (payload.exp ?? 0) * 1000;
  } catch {
    return 0;
  }
}
