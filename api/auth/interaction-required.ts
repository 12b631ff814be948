import { Problem } from "../errors.js";
import type { InteractionRequiredError } from "./on-behalf-of.js";

/**
 * The answer to a caller whose sign-in Entra will finish only after the person acts (Conditional Access
 * on the on-behalf-of exchange). Shaped as Microsoft's claims challenge for web APIs: 401 with
 * `WWW-Authenticate: Bearer … error="insufficient_claims", claims="<base64>"`, so a client that knows the
 * pattern (msal, teams-js `authentication.authenticate`) signs in again with those claims. The body is the
 * usual problem+json with the stable code `interaction_required`, the AADSTS code, and the claims as Entra
 * sent them (JSON text; null when Entra sent none). The claims name a policy, never the person or a token.
 */
export function interactionRequiredProblem(authorityHost: string, error: InteractionRequiredError): Problem {
  const challenge = [
    'Bearer realm=""',
    `authorization_uri="${authorityHost}/common/oauth2/v2.0/authorize"`,
    'error="insufficient_claims"',
    ...(error.claims ? [`claims="${Buffer.from(error.claims, "utf8").toString("base64")}"`] : []),
  ].join(", ");
  return new Problem(
    401,
    "interaction_required",
    "Unauthorized",
    "Your organization asks you to confirm your sign-in (for example with multi-factor authentication) before RosterLink can set up your account. Sign in again to continue.",
    { aadsts: error.code, claims: error.claims },
    { "WWW-Authenticate": challenge },
  );
}
