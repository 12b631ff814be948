import { z } from "zod/v4";
import { organizationId, organizationIdParams, tenantId } from "./common.js";
import { endpoint } from "./endpoint.js";

/** One linked tenant as Settings → Provisioning shows it: each tenant runs its own Entra provisioning job. */
export const provisioningTenantView = z.object({
  tid: z.string(),
  domain: z.string().nullable(),
  enabled: z.boolean(),
  /** The secret's last four characters, so an admin can tell which one Entra holds. */
  secretHint: z.string().nullable(),
  enabledAt: z.string().nullable(),
  /** When Entra last authenticated with the secret; null before its first request. */
  lastUsedAt: z.string().nullable(),
});

/** `GET /api/orgs/:orgId/provisioning`: what an admin needs to point Entra's provisioning here. */
export const provisioningView = z.object({
  /** The "Tenant URL" Entra asks for. */
  tenantUrl: z.string(),
  /** Provisioning is part of the Microsoft 365 integration (docs/spec.md §2). */
  available: z.boolean(),
  /** A leaver's next sign-in joins them again on its own (off by default). */
  leaversRejoinAutomatically: z.boolean(),
  tenants: z.array(provisioningTenantView),
});
export type ProvisioningView = z.infer<typeof provisioningView>;

/** Turning provisioning on, or rotating: the secret appears here once and is never shown again. */
export const issuedProvisioningSecret = z.object({
  tid: z.string(),
  secret: z.string(),
  settings: provisioningView,
});
export type IssuedProvisioningSecret = z.infer<typeof issuedProvisioningSecret>;

export const provisioningTenantParams = z.object({ orgId: organizationId, tid: tenantId });

export const saveLeaverSettingBody = z.object({ leaversRejoinAutomatically: z.boolean() }).strict();

export const provisioningEndpoints = {
  get: endpoint({ method: "get", path: "/api/orgs/:orgId/provisioning", params: organizationIdParams, response: provisioningView }),
  issueSecret: endpoint({ method: "post", path: "/api/orgs/:orgId/provisioning/tenants/:tid/secret", params: provisioningTenantParams, response: issuedProvisioningSecret }),
  turnOff: endpoint({ method: "del", path: "/api/orgs/:orgId/provisioning/tenants/:tid", params: provisioningTenantParams, response: provisioningView }),
  saveLeavers: endpoint({ method: "put", path: "/api/orgs/:orgId/provisioning/leavers", params: organizationIdParams, body: saveLeaverSettingBody, response: provisioningView }),
};
