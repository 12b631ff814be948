import type { Persona } from "../fixtures/types.js";
import { displayNameOf, type ProvisioningJob, type ProvisioningJobs } from "./provisioning-jobs.js";
import { sendScim } from "./scim-client.js";

export interface CycleSummary {
  created: number;
  updated: number;
  disabled: number;
  unchanged: number;
  skipped: number;
  failed: number;
}

const USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
const PATCH_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

/** Entra's default attribute mappings, with externalId mapped from objectId as docs/provisioning.md asks. */
function scimUserOf(job: ProvisioningJob, persona: Persona): Record<string, unknown> {
  const displayName = displayNameOf(job, persona);
  const [givenName, ...rest] = displayName.split(" ");
  return {
    schemas: [USER_SCHEMA, "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
    externalId: persona.oid,
    userName: persona.upn,
    active: true,
    displayName,
    emails: [{ primary: true, type: "work", value: persona.email }],
    name: { formatted: displayName, givenName, familyName: rest.join(" ") },
    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": { department: "Sandbox" },
  };
}

/** Entra sends booleans as "True"/"False" strings unless the app opted in to the 2020 behaviour. */
const entraBoolean = (value: boolean) => (value ? "True" : "False");

/**
 * One provisioning cycle for a tenant, in the order Entra's provisioning service works: for every user
 * in scope (the tenant's own members, not guests), query by userName; create when absent; PATCH the
 * attributes that differ; and disable (active "False") whoever is no longer assigned. Leavers never
 * seen by the app are skipped, as Entra skips out-of-scope users it never provisioned.
 */
export async function runProvisioningCycle(jobs: ProvisioningJobs, job: ProvisioningJob, personas: Persona[]): Promise<CycleSummary> {
  const summary: CycleSummary = { created: 0, updated: 0, disabled: 0, unchanged: 0, skipped: 0, failed: 0 };
  const inScope = personas.filter((p) => p.tid === job.tid && !p.guest);
  for (const persona of inScope) {
    const left = job.leavers.has(persona.upn);
    const query = `/Users?filter=${encodeURIComponent(`userName eq "${persona.upn}"`)}`;
    const found = await sendScim(job, "GET", query);
    jobs.record(job, { method: "GET", path: query, status: found.status, upn: persona.upn });
    if (found.status !== 200) {
      summary.failed++;
      continue;
    }
    const existing = found.body?.Resources?.[0] as { id: string; displayName?: string; active?: boolean } | undefined;
    if (!existing) {
      if (left) {
        summary.skipped++;
        jobs.record(job, { method: "-", path: "-", status: 0, upn: persona.upn, action: "skipped", detail: "not assigned and never provisioned" });
        continue;
      }
      const created = await sendScim(job, "POST", "/Users", scimUserOf(job, persona));
      const ok = created.status === 201;
      jobs.record(job, { method: "POST", path: "/Users", status: created.status, upn: persona.upn, action: ok ? "created" : "failed", detail: ok ? undefined : created.body?.detail });
      if (ok) summary.created++;
      else summary.failed++;
      continue;
    }
    const operations: Array<Record<string, unknown>> = [];
    if (left) {
      if (existing.active !== false) operations.push({ op: "Replace", path: "active", value: entraBoolean(false) });
    } else {
      const displayName = displayNameOf(job, persona);
      if (existing.displayName !== displayName) operations.push({ op: "Replace", path: "displayName", value: displayName });
      if (existing.active === false) operations.push({ op: "Replace", path: "active", value: entraBoolean(true) });
    }
    if (operations.length === 0) {
      summary.unchanged++;
      continue;
    }
    const path = `/Users/${existing.id}`;
    const patched = await sendScim(job, "PATCH", path, { schemas: [PATCH_SCHEMA], Operations: operations });
    const ok = patched.status === 200 || patched.status === 204;
    const action = !ok ? "failed" : left ? "disabled" : "updated";
    jobs.record(job, { method: "PATCH", path, status: patched.status, upn: persona.upn, action, detail: ok ? undefined : patched.body?.detail });
    summary[action === "failed" ? "failed" : action === "disabled" ? "disabled" : "updated"]++;
  }
  return summary;
}

/** Entra's "Test Connection": a query for a user that cannot exist must answer 200 with no resources. */
export async function testConnection(jobs: ProvisioningJobs, job: ProvisioningJob): Promise<{ ok: boolean; status: number; detail?: string }> {
  const path = `/Users?filter=${encodeURIComponent(`userName eq "${crypto.randomUUID()}"`)}`;
  const answer = await sendScim(job, "GET", path);
  jobs.record(job, { method: "GET", path, status: answer.status, action: "test connection" });
  const ok = answer.status === 200 && answer.body?.totalResults === 0;
  return { ok, status: answer.status, detail: ok ? undefined : answer.body?.detail };
}
