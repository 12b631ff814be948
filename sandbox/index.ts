import { sandboxDirectoryRoutes } from "./control/directory-routes.js";
import { createConnector, type SandboxConnector } from "./connector/index.js";
import { sandboxTokenRoutes } from "./control/token-routes.js";
import { identityFaultRoutes } from "./control/identity-fault-routes.js";
import { Directory } from "./directory.js";
import { adminConsentRoutes } from "./entra/admin-consent-routes.js";
import { AuthorizationCodes } from "./entra/auth-codes.js";
import { authorizeRoutes } from "./entra/authorize-routes.js";
import { ConsentStore } from "./entra/consent-store.js";
import { IdentityFaults } from "./entra/identity-faults.js";
import { KeyRing } from "./entra/key-ring.js";
import { logoutRoutes } from "./entra/logout-routes.js";
import { metadataRoutes } from "./entra/metadata-routes.js";
import { TokenMinter } from "./entra/token-minter.js";
import { tokenRoutes } from "./entra/token-routes.js";
import {
  SANDBOX_BOT_ID,
  SANDBOX_BOT_SECRET,
  SANDBOX_BOT_TENANT_ID,
  generatePopulation,
  personas as fixturePersonas,
  tenants as fixtureTenants,
  type Persona,
  type PopulationSpec,
} from "./fixtures/index.js";
import { Latency, type LatencySettings } from "./latency.js";
import { attachRoutes } from "./control/attach-routes.js";
import { FaultPlan } from "./graph/fault-plan.js";
import { graphControlRoutes } from "./graph/graph-control-routes.js";
import { GraphProfiles } from "./graph/graph-profiles.js";
import { graphRoutes } from "./graph/graph-routes.js";
import { GraphRequestLog } from "./graph/request-log.js";
import { provisioningRoutes } from "./provisioning/provisioning-routes.js";
import { loadOrCreateCertificate } from "./server/certificate.js";
import { listenDualProtocol } from "./server/dual-protocol-server.js";
import { SandboxRouter, type SandboxRoute } from "./server/router.js";
import { issuerOf, type AppRegistration, type SandboxServices } from "./services.js";
import { readReplyUrls, type ReplyUrl } from "./entra/app-manifest.js";
import { defaultStartPageLinks, startPageRoutes, type StartPageLinks } from "./start-page/start-page.js";
import { teamsHostPersonaLink, teamsHostRoutes } from "./teams-host/teams-host-routes.js";

export type { SandboxContext, SandboxMethod, SandboxRoute } from "./server/router.js";
export { readBody, readForm, readJson, redirect, sendHtml, sendJson } from "./server/http-io.js";
export type { PersonaLinkBuilder, StartPageLink, StartPageLinkContext, TenantLinkBuilder } from "./start-page/start-page.js";
export type { Persona, SandboxTenant } from "./fixtures/index.js";
import type { SandboxTenant } from "./fixtures/index.js";

export interface SandboxOptions {
  /** 0 in tests; 3979 by default. */
  port: number;
  /** Default "127.0.0.1"; the certificate covers localhost, 127.0.0.1 and ::1. */
  host?: string;
  /** Where the certificate, signing keys and state.json live (e.g. data/sandbox); created if missing. */
  dataDir: string;
  /**
   * The RosterLink app registration the sandbox knows. Its redirect URIs come from `manifestPath`
   * (aad.manifest.json, placeholders filled with `appBaseUrl`), or from `redirectUris` (all Web).
   */
  app: { clientId: string; clientSecret: string; appIdUri: string; redirectUris?: string[]; manifestPath?: string };
  /** The app's http base URL, for links on the start page (e.g. http://localhost:3978). */
  appBaseUrl?: string;
  /** Generated districts of students and teachers, besides the fixtures (deterministic). */
  population?: PopulationSpec;
  /** Latency injected into token, on-behalf-of and Graph answers; none by default. */
  latency?: LatencySettings;
}

/** Extra start-page links that later parts (e.g. the Teams host) contribute through `extend`. */
export interface SandboxExtensions {
  personaLinks?: StartPageLinks["persona"];
  tenantLinks?: StartPageLinks["tenant"];
}

export interface RunningSandbox {
  /** e.g. https://localhost:3979: the authority host and Graph base (msal-node needs https). */
  httpsUrl: string;
  /** e.g. http://localhost:3979: same port, plain HTTP, for browsers (start page, /authorize pages). */
  httpUrl: string;
  /** The self-signed certificate (PEM) that the app trusts in sandbox mode only. */
  caCertPem: string;
  /** The listed personas: the fixtures, and each generated district's admin. */
  personas: Persona[];
  /** Every tenant the sandbox knows, generated districts included. */
  tenants: SandboxTenant[];
  /** The Bot Connector stand-in: what the bot trusts in sandbox mode, and where activities go. */
  connector: SandboxConnector;
  close(): Promise<void>;
  /** Mounts more routes on the same server (Bot Connector, Teams host), and optionally start-page links. */
  extend(routes: SandboxRoute[], extensions?: SandboxExtensions): void;
}

/** Starts the local stand-in for Entra ID and Microsoft Graph on one port (HTTP and HTTPS). */
export async function startSandbox(options: SandboxOptions): Promise<RunningSandbox> {
  const host = options.host ?? "127.0.0.1";
  const tls = await loadOrCreateCertificate(options.dataDir);
  const population = options.population ? generatePopulation(options.population) : { tenants: [], admins: [], people: [] };
  const allTenants = [...fixtureTenants, ...population.tenants];
  const [keys, consent] = await Promise.all([
    KeyRing.load(options.dataDir),
    ConsentStore.load(options.dataDir, allTenants, options.app.clientId),
  ]);
  // A data folder kept from a run without this population still gets the generated districts' consent.
  for (const tenant of population.tenants) {
    if (!consent.find(tenant.tid, options.app.clientId)) await consent.grant(tenant.tid, options.app.clientId, tenant.initialConsent, "sandbox");
  }

  // Routes need the final URLs (port 0 picks one), so the router is filled in right after listening;
  // a request in that instant gets a 404, and nobody knows the URL before startSandbox returns.
  const router = new SandboxRouter();
  const server = await listenDualProtocol({ port: options.port, host, tls }, (req, res, secure) => {
    void router.dispatch(req, res, secure);
  });
  const urlHost = host === "127.0.0.1" || host === "0.0.0.0" || host === "::" ? "localhost" : host;
  const httpsUrl = `https://${urlHost}:${server.port}`;
  const httpUrl = `http://${urlHost}:${server.port}`;

  const services: SandboxServices = {
    httpsUrl,
    httpUrl,
    appBaseUrl: options.appBaseUrl,
    app: appRegistration(options),
    // A single-tenant bot in Contoso's tenant, as `botFramework/create` registers it (fixtures/app-registration.ts).
    bot: { appId: SANDBOX_BOT_ID, secret: SANDBOX_BOT_SECRET, type: "SingleTenant", tenantId: SANDBOX_BOT_TENANT_ID },
    directory: new Directory(allTenants, [...fixturePersonas, ...population.admins], population.people),
    keys,
    consent,
    minter: new TokenMinter(keys, (tid) => issuerOf(httpsUrl, tid)),
    latency: new Latency(options.latency),
    identityFaults: new IdentityFaults(),
  };
  const codes = new AuthorizationCodes();
  const faults = new FaultPlan();
  const graphLog = new GraphRequestLog();
  const graphProfiles = new GraphProfiles();
  const startPageLinks = defaultStartPageLinks();
  startPageLinks.persona.push(teamsHostPersonaLink);
  startPageLinks.tenant.push((tenant) => (tenant.personal ? null : { label: "Entra provisioning (SCIM)", href: `/sandbox/provisioning/${tenant.tid}` }));
  const provisioning = provisioningRoutes(services);
  const connector = createConnector(services);

  router.add([
    ...startPageRoutes(services, startPageLinks),
    ...sandboxTokenRoutes(services),
    ...sandboxDirectoryRoutes(services),
    ...identityFaultRoutes(services),
    ...graphControlRoutes(services, faults, graphLog, graphProfiles),
    ...provisioning.routes,
    ...metadataRoutes(services),
    ...authorizeRoutes(services, codes),
    ...tokenRoutes(services, codes),
    ...adminConsentRoutes(services),
    ...logoutRoutes(services),
    ...teamsHostRoutes(services),
    ...graphRoutes(services, faults, graphLog, graphProfiles),
    ...connector.routes,
    ...attachRoutes(services, tls.certPem, connector.connector, (base) => appRegistration({ ...options, appBaseUrl: base }).replyUrls),
  ]);

  return {
    httpsUrl,
    httpUrl,
    caCertPem: tls.certPem,
    personas: services.directory.personas,
    tenants: allTenants,
    connector: connector.connector,
    close: () => server.close(),
    extend(routes, extensions) {
      router.add(routes);
      startPageLinks.persona.push(...(extensions?.personaLinks ?? []));
      startPageLinks.tenant.push(...(extensions?.tenantLinks ?? []));
    },
  };
}

function appRegistration(options: SandboxOptions): AppRegistration {
  const { clientId, clientSecret, appIdUri, manifestPath } = options.app;
  let replyUrls: ReplyUrl[] = (options.app.redirectUris ?? []).map((url) => ({ url, type: "Web" as const }));
  if (manifestPath) {
    const base = new URL(options.appBaseUrl ?? "http://localhost:3978");
    replyUrls = readReplyUrls(manifestPath, {
      TAB_ENDPOINT: base.origin,
      TAB_DOMAIN: base.host,
      BOT_DOMAIN: base.host,
      BOT_ENDPOINT: base.origin,
      AAD_APP_CLIENT_ID: clientId,
    });
  }
  return { clientId, clientSecret, appIdUri, replyUrls, redirectUris: replyUrls.map((reply) => reply.url) };
}

export {
  SANDBOX_BOT_ID,
  SANDBOX_BOT_SECRET,
  SANDBOX_BOT_TENANT_ID,
  SANDBOX_CLIENT_ID,
  SANDBOX_CLIENT_SECRET,
  SANDBOX_APP_GRAPH_PERMISSIONS,
  sandboxAppIdUri,
} from "./fixtures/app-registration.js";
