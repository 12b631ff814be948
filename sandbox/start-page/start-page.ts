import type { Persona, SandboxTenant } from "../fixtures/types.js";
import { html, page, type Html } from "../html/layout.js";
import { sendHtml } from "../server/http-io.js";
import type { SandboxRoute } from "../server/router.js";
import type { SandboxServices } from "../services.js";

export interface StartPageLink {
  label: string;
  href: string;
}

/** What a link builder may use to build its URL. */
export interface StartPageLinkContext {
  httpUrl: string;
  httpsUrl: string;
  appBaseUrl: string | undefined;
  clientId: string;
  redirectUris: string[];
}

/** Builds a link for one persona (e.g. "open in the Teams host as this persona"); null to show none. */
export type PersonaLinkBuilder = (persona: Persona, context: StartPageLinkContext) => StartPageLink | null;
/** Builds a link for one tenant (e.g. its admin-consent page). */
export type TenantLinkBuilder = (tenant: SandboxTenant, context: StartPageLinkContext) => StartPageLink | null;

/** The link builders the start page renders; later parts add theirs through `RunningSandbox.extend`. */
export interface StartPageLinks {
  persona: PersonaLinkBuilder[];
  tenant: TenantLinkBuilder[];
}

/**
 * The default tenant link: a preview of the tenant's v2 admin-consent page. Its state is not one the app
 * issued, so the app will (rightly) refuse the callback; real consent starts from the app's Settings.
 */
const adminConsentLink: TenantLinkBuilder = (tenant, context) => {
  const redirectUri = context.redirectUris.find((uri) => /consent/i.test(uri)) ?? context.redirectUris[0];
  if (tenant.personal || !redirectUri) return null;
  const url = new URL(`${context.httpUrl}/${tenant.tid}/v2.0/adminconsent`);
  url.searchParams.set("client_id", context.clientId);
  url.searchParams.set("redirect_uri", redirectUri);
  url.searchParams.set("scope", "https://graph.microsoft.com/User.Read https://graph.microsoft.com/EduRoster.ReadBasic");
  url.searchParams.set("state", "sandbox-start-page");
  return { label: "Preview the admin consent page", href: url.toString() };
};

export function defaultStartPageLinks(): StartPageLinks {
  return { persona: [], tenant: [adminConsentLink] };
}

/** `GET /`: tenants and personas, with the situation each illustrates and links to try them. */
export function startPageRoutes(services: SandboxServices, links: StartPageLinks): SandboxRoute[] {
  return [{ method: "GET", path: "/", handle: ({ res }) => sendHtml(res, 200, renderStartPage(services, links)) }];
}

function renderStartPage(services: SandboxServices, links: StartPageLinks): string {
  const context: StartPageLinkContext = {
    httpUrl: services.httpUrl,
    httpsUrl: services.httpsUrl,
    appBaseUrl: services.appBaseUrl,
    clientId: services.app.clientId,
    redirectUris: services.app.redirectUris,
  };
  const linkList = (built: (StartPageLink | null)[]): Html => {
    const present = built.filter((l): l is StartPageLink => l !== null);
    return present.length === 0
      ? html`<span class="muted">—</span>`
      : html`${present.map((l, i) => html`${i > 0 ? " · " : ""}<a href="${l.href}">${l.label}</a>`)}`;
  };
  const tenantSections = services.directory.tenants.map((tenant) => {
    const org = tenant.organization;
    return html`<section aria-labelledby="t-${tenant.tid}">
      <h2 id="t-${tenant.tid}">${tenant.name}</h2>
      <p><code>${tenant.tid}</code> · ${tenant.domains.join(", ")} ·
        ${org ? `${org.name}: ${org.plan} plan, link ${org.link}, roster data ${org.rosterData ? "on" : "off"}` : "no organization"}
        · ${linkList(links.tenant.map((build) => build(tenant, context)))}</p>
      <table>
        <caption class="muted">Personas of ${tenant.name}</caption>
        <thead><tr><th scope="col">UPN</th><th scope="col">Name</th><th scope="col">Situation</th><th scope="col">Open</th></tr></thead>
        <tbody>${services.directory.personas
          .filter((p) => p.tid === tenant.tid)
          .map(
            (p) => html`<tr><td><code>${p.upn}</code></td><td>${p.displayName}</td>
              <td>${p.situation}${p.tenantAdmin ? html` <strong>(tenant admin)</strong>` : ""}</td>
              <td>${linkList(links.persona.map((build) => build(p, context)))}</td></tr>`,
          )}</tbody>
      </table>
    </section>`;
  });
  return page(
    "RosterLink sandbox",
    html`<p>This is the local Microsoft 365 that RosterLink talks to when no Microsoft configuration is given.
      ${services.appBaseUrl ? html`The app runs at <a href="${services.appBaseUrl}">${services.appBaseUrl}</a>.` : ""}</p>
      <p>Entra ID and Graph answer at <code>${services.httpsUrl}</code> (HTTPS with the sandbox's own certificate).
      Machine-readable: <a href="/sandbox/personas">personas and tenants</a>, <a href="/sandbox/consent">consent grants</a>.</p>
      ${tenantSections}`,
  );
}
