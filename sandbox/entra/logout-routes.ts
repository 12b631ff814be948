import { html, page } from "../html/layout.js";
import { redirect, sendHtml } from "../server/http-io.js";
import type { SandboxRoute } from "../server/router.js";
import type { SandboxServices } from "../services.js";

/**
 * `/{tenant}/oauth2/v2.0/logout` (the metadata's end_session_endpoint). The sandbox keeps no sign-in
 * session, so there is nothing to end: it only returns to a registered URI, as Entra would.
 */
export function logoutRoutes(services: SandboxServices): SandboxRoute[] {
  return [
    {
      method: "GET",
      path: "/:tenant/oauth2/v2.0/logout",
      handle({ res, url }) {
        const target = url.searchParams.get("post_logout_redirect_uri");
        const registered = services.app.redirectUris.some((uri) => target !== null && new URL(uri).origin === safeOrigin(target));
        if (target && registered) return redirect(res, target);
        sendHtml(res, 200, page("You signed out of your account", html`<p>It's a good idea to close all browser windows.</p>`));
      },
    },
  ];
}

function safeOrigin(uri: string): string | null {
  try {
    return new URL(uri).origin;
  } catch {
    return null;
  }
}
