import { z } from "zod/v4";
import { PLANS } from "./vocabulary.js";
import { organizationIdParams, tenantId } from "./common.js";
import { endpoint } from "./endpoint.js";

/** docs/spec.md §3.8, as admins see it. "not_linked" is a tenant with no link (or after an unlink). */
export const tenantLinkStatus = z.enum(["not_linked", "awaiting_consent", "active", "active_without_roster", "needs_attention"]);
export type TenantLinkStatusView = z.infer<typeof tenantLinkStatus>;

/** How an admin-consent round trip ended; the callback sends it to /auth-end.html?consent=<code>. */
export const consentOutcome = z.enum([
  "granted",
  "granted_without_roster",
  "declined",
  "not_admin",
  "invalid_state",
  "expired_state",
  "tenant_mismatch",
  "error",
]);
export type ConsentOutcome = z.infer<typeof consentOutcome>;

/** One permission RosterLink asks a tenant for, with the reason shown on the settings page (docs/spec.md §3.2). */
export const permissionView = z.object({
  scope: z.string(),
  purpose: z.enum(["sign_in", "roster"]),
  why: z.string(),
  requested: z.boolean(),
  granted: z.boolean(),
});

/**
 * A ready message with a consent link for the tenant's Global Administrator (docs/spec.md §3.5), from
 * POST /api/orgs/:orgId/microsoft365/:tid/consent-link: valid 7 days or until one successful consent.
 */
export const askAdminView = z.object({
  consentUrl: z.string(),
  expiresAt: z.string(),
  subject: z.string(),
  message: z.string(),
});
export type AskAdminView = z.infer<typeof askAdminView>;

/** POST /api/orgs/:orgId/microsoft365/:tid/consent: a pop-up consent URL for the calling admin (single use, 10 minutes). */
export const linkConsentResponse = z.object({ consentUrl: z.string(), consentExpiresAt: z.string() });
export type LinkConsentResponse = z.infer<typeof linkConsentResponse>;

export const tenantLinkView = z.object({
  tid: z.string(),
  domain: z.string().nullable(),
  status: tenantLinkStatus,
  /** What to do next, in plain words. */
  nextStep: z.string(),
  rosterData: z.boolean(),
  rosterAccess: z.boolean(),
  grantedScopes: z.array(z.string()),
  /** The AADSTS code seen on a sign-in when the link needs attention. */
  attentionCode: z.string().nullable(),
  consentedAt: z.string().nullable(),
  permissions: z.array(permissionView),
  /** People who signed in before consent and join at their next sign-in once it is granted (docs/spec.md §3.5). */
  waitingToJoin: z.number().int(),
  /** When consent health was last checked with an app-only token (null: not yet). */
  healthCheckedAt: z.string().nullable(),
});
export type TenantLinkView = z.infer<typeof tenantLinkView>;

export const microsoft365Settings = z.object({
  organizationId: z.string(),
  plan: z.enum(PLANS),
  available: z.boolean(),
  /** Why the integration is unavailable (docs/spec.md §2), when it is. */
  unavailableReason: z.string().nullable(),
  /** A district may link several tenants; other plans one. */
  multipleTenants: z.boolean(),
  /** Overall status: the worst of the links, or not_linked. */
  status: tenantLinkStatus,
  nextStep: z.string(),
  tenants: z.array(tenantLinkView),
  /** The permissions a new link would ask for, with and without roster data. */
  permissions: z.array(permissionView),
});
export type Microsoft365Settings = z.infer<typeof microsoft365Settings>;

export const saveTenantLinkBody = z.object({
  /** The tenant's GUID or one of its domains. */
  tenant: z.string().trim().min(1).max(255),
  rosterData: z.boolean().default(true),
});
export type SaveTenantLinkBody = z.infer<typeof saveTenantLinkBody>;

export const saveTenantLinkResponse = z.object({
  tenant: tenantLinkView,
  /** Open this (Teams authentication pop-up, or a redirect outside Teams) to grant admin consent. */
  consentUrl: z.string().nullable(),
  consentExpiresAt: z.string().nullable(),
});
export type SaveTenantLinkResponse = z.infer<typeof saveTenantLinkResponse>;

/** PATCH /api/orgs/:orgId/microsoft365/:tid — the roster-data switch of a linked tenant. */
export const rosterDataBody = z.object({ rosterData: z.boolean() }).strict();

export const tenantLinkParams = organizationIdParams.extend({ tid: tenantId });

// A repeated parameter is tampering, not a reason to skip the audit: it is joined and judged like any value.
const callbackValue = z
  .union([z.string(), z.array(z.string())])
  .transform((value) => (Array.isArray(value) ? value.join(",") : value))
  .optional();

/** What Entra appends to the redirect URI; anything else in the query is ignored. */
export const consentCallbackQuery = z.object({
  admin_consent: callbackValue,
  tenant: callbackValue,
  scope: callbackValue,
  state: callbackValue,
  error: callbackValue,
  error_description: callbackValue,
  error_subcode: callbackValue,
});

export const unlinkTenantResponse = z.object({ tid: z.string(), status: z.literal("not_linked"), membersKept: z.number().int() });

export const microsoft365Endpoints = {
  get: endpoint({ method: "get", path: "/api/orgs/:orgId/microsoft365", params: organizationIdParams, response: microsoft365Settings }),
  link: endpoint({ method: "put", path: "/api/orgs/:orgId/microsoft365", params: organizationIdParams, body: saveTenantLinkBody, response: saveTenantLinkResponse }),
  setRosterData: endpoint({ method: "patch", path: "/api/orgs/:orgId/microsoft365/:tid", params: tenantLinkParams, body: rosterDataBody, response: saveTenantLinkResponse }),
  startConsent: endpoint({ method: "post", path: "/api/orgs/:orgId/microsoft365/:tid/consent", params: tenantLinkParams, response: linkConsentResponse }),
  consentLinkForIt: endpoint({ method: "post", path: "/api/orgs/:orgId/microsoft365/:tid/consent-link", params: tenantLinkParams, response: askAdminView }),
  unlink: endpoint({ method: "del", path: "/api/orgs/:orgId/microsoft365/:tid", params: tenantLinkParams, response: unlinkTenantResponse }),
};
