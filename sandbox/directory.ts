import type { Persona, SandboxTenant } from "./fixtures/types.js";
import { PERSONAL_ACCOUNTS_TID } from "./fixtures/well-known.js";

/** The authority path segments that are not a tenant (v2 endpoint "audiences"). */
export type TenantAlias = "common" | "organizations" | "consumers";

/** What the `{tenant}` segment of an Entra URL names. */
export type TenantSelector = { kind: "alias"; alias: TenantAlias } | { kind: "tenant"; tenant: SandboxTenant };

/**
 * Read-only lookups over the fixtures: tenants by id or domain, personas by upn or (tid, oid). A generated
 * population (tens of thousands of people) is found the same way through maps, but never listed.
 */
export class Directory {
  private readonly byUpnMap = new Map<string, Persona>();
  private readonly byObjectIdMap = new Map<string, Persona>();
  private readonly tenantsByKey = new Map<string, SandboxTenant>();

  constructor(
    readonly tenants: SandboxTenant[],
    /** Listed on the start page and in the persona pickers. */
    readonly personas: Persona[],
    /** Found by lookups only. */
    population: Persona[] = [],
  ) {
    for (const p of [...personas, ...population]) {
      this.byUpnMap.set(p.upn, p);
      this.byObjectIdMap.set(`${p.tid}/${p.oid}`, p);
    }
    for (const t of tenants) for (const key of [t.tid, ...t.domains]) this.tenantsByKey.set(key, t);
  }

  /** Resolves a tenant GUID, one of its domains, or common/organizations/consumers; unknown gives null. */
  select(segment: string): TenantSelector | null {
    const key = segment.toLowerCase();
    if (key === "common" || key === "organizations") return { kind: "alias", alias: key };
    if (key === "consumers") return { kind: "alias", alias: "consumers" };
    const tenant = this.tenantsByKey.get(key);
    return tenant ? { kind: "tenant", tenant } : null;
  }

  tenant(tid: string): SandboxTenant | undefined {
    const tenant = this.tenantsByKey.get(tid);
    return tenant?.tid === tid ? tenant : undefined;
  }

  byUpn(upn: string): Persona | undefined {
    return this.byUpnMap.get(upn.toLowerCase());
  }

  byObjectId(tid: string, oid: string): Persona | undefined {
    return this.byObjectIdMap.get(`${tid}/${oid}`);
  }

  /** Personas who can sign in where the URL's tenant segment points. */
  signInCandidates(selector: TenantSelector): Persona[] {
    if (selector.kind === "tenant") return this.personas.filter((p) => p.tid === selector.tenant.tid);
    if (selector.alias === "consumers") return this.personas.filter((p) => p.tid === PERSONAL_ACCOUNTS_TID);
    if (selector.alias === "organizations") return this.personas.filter((p) => p.tid !== PERSONAL_ACCOUNTS_TID);
    return this.personas;
  }
}
