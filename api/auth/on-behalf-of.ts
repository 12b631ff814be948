import { InteractionRequiredAuthError } from "@azure/msal-node";
import type { MicrosoftSettings } from "../config.js";
import { msalClients } from "./msal-clients.js";

/** Entra error codes that mean the tenant no longer lets the app act (docs/spec.md §3.8): consent missing or the app removed. */
export const CONSENT_MISSING_CODES = ["AADSTS65001", "AADSTS700016", "AADSTS500011"] as const;
export type ConsentMissingCode = (typeof CONSENT_MISSING_CODES)[number];

/** The tenant refused the exchange because consent is missing; `code` is the AADSTS code seen. */
export class ConsentMissingError extends Error {
  constructor(readonly code: ConsentMissingCode) {
    super(`On-behalf-of refused: ${code}`);
    this.name = "ConsentMissingError";
  }
}

/**
 * Entra wants the user to do something first (Conditional Access: multi-factor authentication or
 * registering for it, AADSTS50076/50079; or signing in again). Only the user's client can do that, so
 * the claims challenge Entra sent (JSON, or null when it sent none) goes back to it unchanged.
 */
export class InteractionRequiredError extends Error {
  constructor(
    /** e.g. "AADSTS50076"; "interaction_required" when Entra named no code. */
    readonly code: string,
    readonly claims: string | null,
  ) {
    super(`On-behalf-of needs the user: ${code}`);
    this.name = "InteractionRequiredError";
  }
}

/** The exchange did not finish before the caller's deadline. */
export class OnBehalfOfTimeoutError extends Error {
  constructor() {
    super("On-behalf-of exchange timed out");
    this.name = "OnBehalfOfTimeoutError";
  }
}

export interface OnBehalfOf {
  /** Trades the user's token for a Graph token of the user's tenant; rejects after `deadline` (epoch ms). */
  graphToken(input: { tid: string; userToken: string; deadline: number }): Promise<string>;
}

// Everything the tenant granted the app, in one exchange: EduRoster.ReadBasic comes along only when granted.
const GRAPH_DEFAULT_SCOPE = "https://graph.microsoft.com/.default";

/**
 * msal-node on-behalf-of against the user's own tenant authority (one msal client per tenant, see
 * msal-clients.ts).
 */
export function createOnBehalfOf(microsoft: MicrosoftSettings, trustedCaPem?: string): OnBehalfOf {
  const clientFor = msalClients(microsoft, trustedCaPem);

  return {
    async graphToken({ tid, userToken, deadline }) {
      const client = clientFor(tid);
      const exchange = client.acquireTokenOnBehalfOf({ oboAssertion: userToken, scopes: [GRAPH_DEFAULT_SCOPE], skipCache: true });
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new OnBehalfOfTimeoutError()), Math.max(0, deadline - Date.now()));
      });
      try {
        const result = await Promise.race([exchange, timeout]);
        if (!result?.accessToken) throw new Error("On-behalf-of answered without a token");
        // Graph is read once per new account: keeping the user's tokens in msal's memory would only grow it.
        if (result.account) await client.getTokenCache().removeAccount(result.account);
        return result.accessToken;
      } catch (error) {
        const code = consentMissingCode(error);
        if (code) throw new ConsentMissingError(code);
        // Checked after consent: msal-node reports AADSTS65001 as interaction required too.
        if (error instanceof InteractionRequiredAuthError) {
          const named = /\bAADSTS\d+\b/.exec(`${error.errorMessage} ${error.message}`)?.[0];
          throw new InteractionRequiredError(named ?? "interaction_required", error.claims || null);
        }
        throw error;
      } finally {
        clearTimeout(timer);
        exchange.catch(() => undefined);
      }
    },
  };
}

function consentMissingCode(error: unknown): ConsentMissingCode | undefined {
  if (!(error instanceof Error)) return undefined;
  const text = `${(error as { errorMessage?: string }).errorMessage ?? ""} ${error.message}`;
  return CONSENT_MISSING_CODES.find((code) => new RegExp(`\\b${code}\\b`).test(text));
}
