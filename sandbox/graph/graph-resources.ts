import type { Persona, SandboxTenant } from "../fixtures/types.js";
import { LICENSE_SKU_IDS } from "../fixtures/well-known.js";

/** Shapes of the Graph v1.0 resources the sandbox serves, built from fixtures (only what RosterLink reads). */

const CONTEXT = "https://graph.microsoft.com/v1.0/$metadata";

export function userResource(persona: Persona): Record<string, unknown> {
  const [givenName, ...rest] = persona.displayName.replace(/\s*\(.*\)$/, "").split(" ");
  return {
    "@odata.context": `${CONTEXT}#users/$entity`,
    businessPhones: [],
    displayName: persona.displayName,
    givenName: givenName ?? null,
    jobTitle: null,
    mail: persona.email,
    mobilePhone: null,
    officeLocation: null,
    preferredLanguage: "en-US",
    surname: rest.join(" ") || null,
    userPrincipalName: persona.upn,
    id: persona.oid,
  };
}

export function licenseDetailsResource(persona: Persona): Record<string, unknown> {
  return {
    "@odata.context": `${CONTEXT}#users('${persona.oid}')/licenseDetails`,
    value: persona.graph.licenses.map((sku) => ({
      id: `${persona.oid}-${sku}`,
      skuId: LICENSE_SKU_IDS[sku] ?? "00000000-0000-0000-0000-000000000000",
      skuPartNumber: sku,
      servicePlans: [],
    })),
  };
}

export function educationUserResource(persona: Persona): Record<string, unknown> {
  return {
    "@odata.context": `${CONTEXT}#education/me/$entity`,
    id: persona.oid,
    primaryRole: persona.graph.educationRole,
    displayName: persona.displayName,
    userPrincipalName: persona.upn,
    mail: persona.email,
    accountEnabled: true,
    externalSource: "sis",
  };
}

export function memberOfResource(persona: Persona, tenant: SandboxTenant | undefined): Record<string, unknown> {
  return {
    "@odata.context": `${CONTEXT}#directoryObjects`,
    value: persona.graph.groups.map((id) => ({
      "@odata.type": "#microsoft.graph.group",
      id,
      displayName: tenant?.groups.find((g) => g.id === id)?.displayName ?? null,
      securityEnabled: true,
      mailEnabled: false,
    })),
  };
}

export function organizationResource(tenant: SandboxTenant): Record<string, unknown> {
  return {
    "@odata.context": `${CONTEXT}#organization`,
    value: [
      {
        id: tenant.tid,
        displayName: tenant.name,
        tenantType: "AAD",
        countryLetterCode: "US",
        verifiedDomains: tenant.domains.map((name, i) => ({
          capabilities: "Email, OfficeCommunicationsOnline",
          isDefault: i === 0,
          isInitial: i === 0,
          name,
          type: "Managed",
        })),
      },
    ],
  };
}

/** Applies `$select` the way Graph does for the top-level properties. */
export function selectFields(resource: Record<string, unknown>, select: string | null): Record<string, unknown> {
  if (!select) return resource;
  const wanted = new Set(select.split(",").map((s) => s.trim().toLowerCase()));
  const pick = (item: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(item).filter(([key]) => key.startsWith("@odata") || wanted.has(key.toLowerCase())));
  // On a collection Graph selects inside each item of `value`, never the envelope itself.
  if (Array.isArray(resource.value)) {
    return { ...resource, value: (resource.value as Array<Record<string, unknown>>).map(pick) };
  }
  return pick(resource);
}
