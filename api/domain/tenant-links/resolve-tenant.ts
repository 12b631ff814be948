import { badRequest, unavailable } from "../../errors.js";
import { PERSONAL_ACCOUNTS_TENANT } from "../../auth/entra.js";
import type { AppContext } from "../../context.js";
import { isGuid } from "../../../contract/guid.js";

// Only a plain host name may reach the authority's URL path: no slashes, no aliases such as "common".
const DOMAIN = /^(?=.{3,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;
const ISSUER_TENANT = /\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/v2\.0\/?$/i;
const LOOKUP_TIMEOUT_MS = 5_000;

export interface ResolvedTenant {
  tid: string;
  /** The domain the admin typed, if they typed one. */
  domain: string | null;
}

/**
 * Turns what the admin typed (a GUID or one of the tenant's domains) into the tenant's GUID through the
 * authority's OpenID metadata (docs/spec.md §3.1): the issuer names the GUID. A GUID is looked up too, so a
 * mistyped one is caught here rather than at consent time.
 */
export async function resolveTenant(deps: Pick<AppContext, "fetch" | "microsoft" | "log">, typed: string): Promise<ResolvedTenant> {
  const input = typed.trim().toLowerCase();
  const typedGuid = isGuid(input);
  if (!typedGuid && !DOMAIN.test(input)) {
    throw badRequest("invalid_tenant", "Enter the tenant ID (a GUID) or one of the tenant's domains, such as school.example.");
  }
  const unknown = () =>
    typedGuid
      ? badRequest("unknown_tenant", `Microsoft does not know a tenant with the ID ${input}.`)
      : badRequest("unknown_tenant_domain", `Microsoft does not know a tenant with the domain ${input}. Check the spelling, or enter the tenant ID instead.`);

  let response: Response;
  try {
    response = await deps.fetch(`${deps.microsoft.authorityHost}/${encodeURIComponent(input)}/v2.0/.well-known/openid-configuration`, {
      signal: AbortSignal.timeout(LOOKUP_TIMEOUT_MS),
    });
  } catch (error) {
    deps.log.warn({ err: error, tenant: input }, "tenant metadata lookup failed");
    throw unavailable("tenant_lookup_unavailable", "Microsoft's sign-in service did not answer; try again in a minute.");
  }
  if (response.status >= 500) {
    deps.log.warn({ status: response.status, tenant: input }, "tenant metadata lookup failed");
    throw unavailable("tenant_lookup_unavailable", "Microsoft's sign-in service did not answer; try again in a minute.");
  }
  if (!response.ok) throw unknown();

  const metadata = (await response.json().catch(() => ({}))) as { issuer?: unknown };
  const tid = typeof metadata.issuer === "string" ? ISSUER_TENANT.exec(metadata.issuer)?.[1]?.toLowerCase() : undefined;
  if (!tid) throw unknown();
  if (tid === PERSONAL_ACCOUNTS_TENANT) {
    throw badRequest("personal_accounts_tenant", "That is a personal Microsoft accounts domain, not a school's tenant.");
  }
  return { tid, domain: typedGuid ? null : input };
}
