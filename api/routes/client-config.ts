import { clientConfigEndpoints } from "../../contract/client-config.js";
import { defineRoute } from "../http/route.js";
import { accessAsUserScope, redeemAuthorizationCode } from "../auth/redeem-authorization-code.js";
import type { AppContext } from "../context.js";

/** What the tab reads before signing in, and the web (outside Teams) sign-in's code redemption. */
export const clientConfigRoutes = (deps: AppContext) => [
  defineRoute({
    ...clientConfigEndpoints.get,
    summary: "Public settings the tab needs before sign-in (client id, authority, trusted host origin)",
    tags: ["tab"],
    auth: "none",
    async handler() {
      const sandbox = deps.mode === "sandbox";
      return {
        body: {
          mode: deps.mode,
          clientId: deps.microsoft.clientId,
          authority: deps.microsoft.browserAuthorityHost,
          scopes: [accessAsUserScope(deps.microsoft.appIdUri), "openid", "profile"],
          // The tab passes this to app.initialize(validMessageOrigins): it comes from configuration,
          // never from the page's URL, so a framing page cannot make the tab trust it.
          sandboxHostOrigin: sandbox ? new URL(deps.microsoft.browserAuthorityHost).origin : null,
          sandboxHttpsOrigin: sandbox ? new URL(deps.microsoft.authorityHost).origin : null,
        },
      };
    },
  }),
  defineRoute({
    ...clientConfigEndpoints.redeemSignInCode,
    summary: "Outside Teams: redeem the sign-in's authorization code (PKCE) for an access token to this API",
    tags: ["tab"],
    auth: "none",
    problems: [400, 503],
    async handler({ body }) {
      return { body: await redeemAuthorizationCode(deps, body) };
    },
  }),
];
