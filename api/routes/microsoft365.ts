import { createAppOnlyProbe } from "../auth/app-only-probe.js";
import { getMicrosoft365Settings } from "../domain/tenant-links/get-microsoft365-settings.js";
import { saveTenantLink } from "../domain/tenant-links/save-tenant-link.js";
import { setRosterData } from "../domain/tenant-links/set-roster-data.js";
import { createConsentLinkForIt, startPopupConsent } from "../domain/tenant-links/start-link-consent.js";
import { unlinkTenant } from "../domain/tenant-links/unlink-tenant.js";
import { microsoft365Endpoints } from "../../contract/microsoft365.js";
import { defineRoute } from "../http/route.js";
import type { AppContext } from "../context.js";

const tags = ["microsoft365"];

/** Settings → Microsoft 365 (docs/spec.md §2, §3): org admins link tenants and get admin-consent links. */
export const microsoft365Routes = (deps: AppContext, probe = createAppOnlyProbe(deps.microsoft, deps.trustedCaPem)) => [
  defineRoute({
    ...microsoft365Endpoints.get,
    summary: "The organization's Microsoft 365 link: availability, tenants, status, next step, permissions, ask-your-admin message",
    tags,
    auth: "orgAdmin",
    problems: [403, 404],
    async handler({ params, actor }) {
      const settings = await getMicrosoft365Settings(deps, { organizationId: params.orgId, actor, probe });
      return { body: settings };
    },
  }),
  defineRoute({
    ...microsoft365Endpoints.link,
    summary: "Link a tenant (GUID or domain) with a roster-data choice; answers the admin-consent URL",
    tags,
    auth: "orgAdmin",
    problems: [400, 403, 404, 409, 503],
    async handler({ params, body, actor }) {
      const saved = await saveTenantLink(deps, {
        organizationId: params.orgId,
        actor,
        tenant: body.tenant,
        rosterData: body.rosterData,
      });
      return { body: saved };
    },
  }),
  defineRoute({
    ...microsoft365Endpoints.setRosterData,
    summary: "The roster-data switch: off at once; on answers a consent URL unless the roster was granted before",
    tags,
    auth: "orgAdmin",
    problems: [400, 403, 404],
    async handler({ params, body, actor }) {
      return { body: await setRosterData(deps, { organizationId: params.orgId, actor, tid: params.tid, rosterData: body.rosterData }) };
    },
  }),
  defineRoute({
    ...microsoft365Endpoints.startConsent,
    summary: "A pop-up admin-consent URL for the calling admin: single use, 10 minutes",
    tags,
    auth: "orgAdmin",
    problems: [403, 404],
    async handler({ params, actor }) {
      return { body: await startPopupConsent(deps, { organizationId: params.orgId, actor, tid: params.tid }) };
    },
  }),
  defineRoute({
    ...microsoft365Endpoints.consentLinkForIt,
    summary: "A consent link and ready message for the tenant's Global Administrator: 7 days or one successful consent; audited",
    tags,
    auth: "orgAdmin",
    problems: [403, 404],
    async handler({ params, actor }) {
      return { body: await createConsentLinkForIt(deps, { organizationId: params.orgId, actor, tid: params.tid }) };
    },
  }),
  defineRoute({
    ...microsoft365Endpoints.unlink,
    summary: "Unlink a tenant: auto-join stops, members stay",
    tags,
    auth: "orgAdmin",
    problems: [404, 403],
    async handler({ params, actor }) {
      const unlinked = await unlinkTenant(deps, { organizationId: params.orgId, actor, tid: params.tid });
      return { body: unlinked };
    },
  }),
];
