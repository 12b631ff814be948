import type { ClientConfig } from "../../contract/client-config.js";
import type { TeamsConnection, TeamsTheme } from "./teams/teams-host.js";
import { signOutOfWeb, storedWebToken, startWebSignIn } from "./auth/web-sign-in.js";

/** What the tab needs from wherever it runs: inside a Teams host, or as a plain web app. */
export interface TabHost {
  kind: "teams" | "web";
  theme: TeamsTheme;
  onThemeChange(handler: (theme: TeamsTheme) => void): void;
  getToken(): Promise<string>;
  /**
   * Signs in again with the claims challenge an API answer carried (`interaction_required`), so the next
   * token satisfies the tenant's Conditional Access. In Teams it resolves once the new token is there; on
   * the web it navigates to Microsoft's sign-in.
   */
  reauthenticate(claims: string | null): Promise<void>;
  /** Opens admin consent; resolves with the consent outcome in Teams. On the web it navigates away. */
  openConsent(url: string): Promise<string>;
  ready(): void;
  failed(message: string, authFailed: boolean): void;
  signOut?(): void;
}

export function teamsTabHost(teams: TeamsConnection): TabHost {
  return {
    kind: "teams",
    theme: teams.theme,
    onThemeChange: (handler) => teams.onThemeChange(handler),
    getToken: () => teams.getToken(),
    reauthenticate: (claims) => teams.refreshToken(claims ?? ""),
    openConsent: (url) => teams.authenticate(url),
    ready: () => teams.notifySuccess(),
    failed: (message, authFailed) => teams.notifyFailure(message, authFailed),
  };
}

/** Outside Teams: light theme (or the system's dark preference), the web sign-in's token, redirects. */
export function webTabHost(config: ClientConfig): TabHost {
  const dark = window.matchMedia?.("(prefers-color-scheme: dark)");
  return {
    kind: "web",
    theme: dark?.matches ? "dark" : "default",
    onThemeChange(handler) {
      dark?.addEventListener("change", (event) => handler(event.matches ? "dark" : "default"));
    },
    async getToken() {
      const token = storedWebToken();
      if (token) return token;
      await startWebSignIn(config);
      return new Promise<string>(() => undefined);
    },
    async reauthenticate(claims) {
      signOutOfWeb();
      await startWebSignIn(config, claims ?? undefined);
      return new Promise<void>(() => undefined);
    },
    openConsent(url) {
      location.assign(url);
      return new Promise<string>(() => undefined);
    },
    ready: () => undefined,
    failed: () => undefined,
    signOut() {
      signOutOfWeb();
      location.assign("/");
    },
  };
}
