import { setTimeout as sleep } from "node:timers/promises";
import type { MicrosoftSettings } from "../config.js";
import { msalClients } from "./msal-clients.js";

/** Entra's answers to an app-only token request that mean the tenant no longer has the app (docs/spec.md §3.8). */
export const CONSENT_LOST_CODES = ["AADSTS7000229", "AADSTS700016", "AADSTS65001", "AADSTS500011"] as const;
export type ConsentLostCode = (typeof CONSENT_LOST_CODES)[number];

export type ConsentHealth = { kind: "healthy" } | { kind: "lost"; code: ConsentLostCode } | { kind: "unknown" };

export interface AppOnlyProbe {
  /** Asks Entra for an app-only Graph token of the tenant (client credentials). The token is never used: no user data is read. */
  check(tid: string): Promise<ConsentHealth>;
}

const GRAPH_DEFAULT_SCOPE = "https://graph.microsoft.com/.default";
const CHECK_TIMEOUT_MS = 4_000;

/**
 * Consent health by the client-credentials grant: a tenant where RosterLink's service principal was
 * removed answers AADSTS7000229, so the check needs no signed-in user. msal's token cache is skipped,
 * or a cached token would hide a removal for an hour. Network trouble is "unknown", never "lost".
 */
export function createAppOnlyProbe(microsoft: MicrosoftSettings, trustedCaPem?: string): AppOnlyProbe {
  const clientFor = msalClients(microsoft, trustedCaPem);
  return {
    async check(tid) {
      try {
        const request = clientFor(tid).acquireTokenByClientCredential({ scopes: [GRAPH_DEFAULT_SCOPE], skipCache: true });
        request.catch(() => undefined);
        // Settings waits for the check: a slow Entra must not hold the page.
        const result = await Promise.race([request, sleep(CHECK_TIMEOUT_MS).then(() => null)]);
        return result?.accessToken ? { kind: "healthy" } : { kind: "unknown" };
      } catch (error) {
        const text = error instanceof Error ? `${(error as { errorMessage?: string }).errorMessage ?? ""} ${error.message}` : "";
        const code = CONSENT_LOST_CODES.find((c) => new RegExp(`\\b${c}\\b`).test(text));
        return code ? { kind: "lost", code } : { kind: "unknown" };
      }
    },
  };
}
