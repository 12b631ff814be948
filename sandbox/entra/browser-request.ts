import type { ServerResponse } from "node:http";
import type { Persona } from "../fixtures/types.js";
import { errorPage, html, type Html } from "../html/layout.js";
import { redirect, sendHtml, withQuery } from "../server/http-io.js";
import type { TenantSelector } from "../directory.js";
import type { SandboxServices } from "../services.js";

/** A browser-facing Entra request (/authorize, /adminconsent) whose app and redirect URI check out. */
export interface TrustedBrowserRequest {
  selector: TenantSelector;
  redirectUri: string;
  state: string | undefined;
}

/**
 * Checks tenant, client id and redirect URI, in Entra's order. Until the redirect URI is known to be
 * registered, errors are shown as a page: redirecting to an unverified URI would make an open redirector.
 */
export function checkBrowserRequest(
  services: SandboxServices,
  res: ServerResponse,
  tenantSegment: string,
  params: URLSearchParams,
): TrustedBrowserRequest | null {
  const selector = services.directory.select(tenantSegment);
  if (!selector) {
    sendHtml(res, 400, errorPage(90002, `Tenant '${tenantSegment}' not found. Check to make sure you have the correct tenant ID.`));
    return null;
  }
  const clientId = params.get("client_id") ?? "";
  if (clientId !== services.app.clientId) {
    sendHtml(res, 400, errorPage(700016, `Application with identifier '${clientId}' was not found in the directory.`));
    return null;
  }
  const redirectUri = params.get("redirect_uri") ?? "";
  if (!services.app.redirectUris.includes(redirectUri)) {
    sendHtml(
      res,
      400,
      errorPage(
        50011,
        `The redirect URI '${redirectUri}' specified in the request does not match the redirect URIs configured for the application '${clientId}'. ` +
          "Make sure the redirect URI sent in the request matches one added to your application in the Azure portal.",
      ),
    );
    return null;
  }
  return { selector, redirectUri, state: params.get("state") ?? undefined };
}

/** Sends the browser back to the app with an OAuth error, as Entra does once the redirect URI is trusted. */
export function redirectWithError(
  res: ServerResponse,
  request: TrustedBrowserRequest,
  error: string,
  description: string,
  extra: Record<string, string> = {},
): void {
  redirect(res, withQuery(request.redirectUri, { error, error_description: description, ...extra, state: request.state }));
}

/** A radio group of personas; the one matching `login_hint` (or the first) is preselected. */
export function personaPicker(
  legend: string,
  groups: { label: string; personas: Persona[] }[],
  loginHint: string | null,
): Html {
  const all = groups.flatMap((group) => group.personas);
  const preselected = all.find((p) => p.upn === loginHint?.toLowerCase())?.upn ?? all[0]?.upn;
  return html`<fieldset><legend>${legend}</legend>${groups
    .filter((group) => group.personas.length > 0)
    .map(
      (group) => html`<p class="muted">${group.label}</p>${group.personas.map(
        (p) =>
          html`<label><input type="radio" name="upn" value="${p.upn}" ${p.upn === preselected ? html`checked` : ""} required>
          ${p.displayName} — <code>${p.upn}</code>${p.tenantAdmin ? " (tenant admin)" : ""}</label>`,
      )}`,
    )}</fieldset>`;
}
