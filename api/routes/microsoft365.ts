import { z } from "zod/v4";
import { organizationIdParams } from "../../contract/common.js";
import {
  askAdminView, linkConsentResponse, microsoft365Settings, rosterDataBody, saveTenantLinkBody, saveTenantLinkResponse, tenantLinkParams,
} from "../../contract/microsoft365.js";
import { createAppOnlyProbe } from "../auth/app-only-probe.js";
import { getMicrosoft365Settings } from "../domain/tenant-links/get-microsoft365-settings.js";
import { saveTenantLink } from "../domain/tenant-links/save-tenant-link.js";
import { setRosterData } from "../domain/tenant-links/set-roster-data.js";
import { createConsentLinkForIt, startPopupConsent } from "../domain/tenant-links/start-link-consent.js";
import { unlinkTenant } from "../domain/tenant-links/unlink-tenant.js";
import { defineRoute } from "../http/route.js";
import type { AppContext } from "../context.js";

const unlinkResponse = z.object({ tid: z.string(), status: z.literal("not_linked"), membersKept: z.number().int() });
const tags = ["microsoft365"];

/** Settings → Microsoft 365 (docs/spec.md §2, §3): org admins link tenants and get admin-consent links. */
export const microsoft365Routes = (deps: AppContext, probe = createAppOnlyProbe(deps.microsoft, deps.trustedCaPem)) => [
  defineRoute({
    method: "get",
    path: "/api/orgs/:orgId/microsoft365",
    summary: "The organization's Microsoft 365 link: availability, tenants, status, next step, permissions, ask-your-admin message",
    tags,
    auth: "orgAdmin",
    params: organizationIdParams,
    response: microsoft365Settings,
    problems: [403, 404],
    async handler({ params, actor }) {
      const settings = await getMicrosoft365Settings(deps, { organizationId: params.orgId, actor, probe });
      return { body: settings };
    },
  }),
  defineRoute({
    method: "put",
    path: "/api/orgs/:orgId/microsoft365",
    summary: "Link a tenant (GUID or domain) with a roster-data choice; answers the admin-consent URL",
    tags,
    auth: "orgAdmin",
    params: organizationIdParams,
    body: saveTenantLinkBody,
    response: saveTenantLinkResponse,
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
    method: "patch",
    path: "/api/orgs/:orgId/microsoft365/:tid",
    summary: "The roster-data switch: off at once; on answers a consent URL unless the roster was granted before",
    tags,
    auth: "orgAdmin",
    params: tenantLinkParams,
    body: rosterDataBody,
    response: saveTenantLinkResponse,
    problems: [400, 403, 404],
    async handler({ params, body, actor }) {
      return { body: await setRosterData(deps, { organizationId: params.orgId, actor, tid: params.tid, rosterData: body.rosterData }) };
    },
  }),
  defineRoute({
    method: "post",
    path: "/api/orgs/:orgId/microsoft365/:tid/consent",
    summary: "A pop-up admin-consent URL for the calling admin: single use, 10 minutes",
    tags,
    auth: "orgAdmin",
    params: tenantLinkParams,
    response: linkConsentResponse,
    problems: [403, 404],
    async handler({ params, actor }) {
      return { body: await startPopupConsent(deps, { organizationId: params.orgId, actor, tid: params.tid }) };
    },
  }),
  defineRoute({
    method: "post",
    path: "/api/orgs/:orgId/microsoft365/:tid/consent-link",
    summary: "A consent link and ready message for the tenant's Global Administrator: 7 days or one successful consent; audited",
    tags,
    auth: "orgAdmin",
    params: tenantLinkParams,
    response: askAdminView,
    problems: [403, 404],
    async handler({ params, actor }) {
      return { body: await createConsentLinkForIt(deps, { organizationId: params.orgId, actor, tid: params.tid }) };
    },
  }),
  defineRoute({
    method: "del",
    path: "/api/orgs/:orgId/microsoft365/:tid",
    summary: "Unlink a tenant: auto-join stops, members stay",
    tags,
    auth: "orgAdmin",
    params: tenantLinkParams,
    response: unlinkResponse,
    problems: [404, 403],
    async handler({ params, actor }) {
      const unlinked = await unlinkTenant(deps, { organizationId: params.orgId, actor, tid: params.tid });
      return { body: unlinked };
    },
  }),
];
