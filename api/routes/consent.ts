import { z } from "zod/v4";
import { consentCallbackQuery } from "../../contract/microsoft365.js";
import { completeAdminConsent } from "../domain/consent/complete-admin-consent.js";
import { defineRoute, type Reply } from "../http/route.js";
import type { AppContext } from "../context.js";
import { consentOutcomePage, OUTCOME_PAGE_CSP } from "./consent-outcome-page.js";

/** The tab's fixed page: in Teams it ends the authentication pop-up, outside Teams it returns to Settings. */
const AUTH_END_PAGE = "/auth-end.html";

const page = (target: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>RosterLink</title></head>` +
  `<body><p><a href="${target}">Return to RosterLink</a></p></body></html>`;

/**
 * Where Entra's /adminconsent sends the browser back (docs/spec.md §3.4). No session is needed: a tenant admin
 * with no RosterLink account completes it from an "ask your admin" link. It only ever redirects to the
 * app's own fixed page with an outcome code from a closed list — never to an address from the request.
 */
export const consentRoutes = (deps: AppContext) => [
  defineRoute({
    method: "get",
    path: "/api/consent/callback",
    summary:
      "Admin-consent redirect URI: records the outcome; answers the outcome page for a link for IT, else 302 to /auth-end.html?consent=<consentOutcome>",
    tags: ["microsoft365"],
    auth: "none",
    query: consentCallbackQuery,
    response: z.string().describe("An HTML page: the outcome page (link for IT), or a 302 redirect to /auth-end.html?consent=<outcome>."),
    problems: [],
    async handler({ query }): Promise<Reply<string>> {
      const result = await completeAdminConsent(deps, {
        adminConsent: query.admin_consent,
        tenant: query.tenant,
        scope: query.scope,
        state: query.state,
        error: query.error,
        errorDescription: query.error_description,
      });
      if (result.linkForIt) {
        // A tenant admin with no RosterLink account: say here what happened, instead of a sign-in page.
        return { status: 200, headers: { "Content-Security-Policy": OUTCOME_PAGE_CSP, "Referrer-Policy": "no-referrer" }, html: consentOutcomePage(result) };
      }
      const target = `${deps.publicUrl()}${AUTH_END_PAGE}?consent=${result.outcome}`;
      return {
        status: 302,
        headers: {
          Location: target,
          "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
          "Referrer-Policy": "no-referrer",
        },
        html: page(target),
      };
    },
  }),
];
