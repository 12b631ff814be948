import type { Persona, SandboxTenant } from "./fixtures/types.js";
import { PERSONAL_ACCOUNTS_TID } from "./fixtures/well-known.js";

/** The authority path segments that are not a tenant (v2 endpoint "audiences"). */
export type TenantAlias = "common" | "organizations" | "consumers";

/** What the `{tenant}` segment of an Entra URL names. */
export type TenantSelector = { kind: "alias"; alias: TenantAlias } | { kind: "tenant"; tenant: SandboxTenant };

/** Read-only lookups over the fixtures: tenants by id or domain, personas by upn or (tid, oid). */
export class Directory {
  constructor(
    readonly tenants: SandboxTenant[],
    readonly personas: Persona[],
  ) {}

  /** Resolves a tenant GUID, one of its domains, or common/organizations/consumers; unknown gives null. */
  select(segment: string): TenantSelector | null {
    const key = segment.toLowerCase();
    if (key === "common" || key === "organizations") return { kind: "alias", alias: key };
    if (key === "consumers") return { kind: "alias", alias: "consumers" };
    const tenant = this.tenants.find((t) => t.tid === key || t.domains.includes(key));
    return tenant ? { kind: "tenant", tenant } : null;
  }

  tenant(tid: string): SandboxTenant | undefined {
    return this.tenants.find((t) => t.tid === tid);
  }

  byUpn(upn: string): Persona | undefined {
    const key = upn.toLowerCase();
    return this.personas.find((p) => p.upn === key);
  }

  byObjectId(tid: string, oid: string): Persona | undefined {
    return this.personas.find((p) => p.tid === tid && p.oid === oid);
  }

  /** Personas who can sign in where the URL's tenant segment points. */
  signInCandidates(selector: TenantSelector): Persona[] {
    if (selector.kind === "tenant") return this.personas.filter((p) => p.tid === selector.tenant.tid);
    if (selector.alias === "consumers") return this.personas.filter((p) => p.tid === PERSONAL_ACCOUNTS_TID);
    if (selector.alias === "organizations") return this.personas.filter((p) => p.tid !== PERSONAL_ACCOUNTS_TID);
    return this.personas;
  }
}
