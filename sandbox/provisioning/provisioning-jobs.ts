import type { Persona } from "../fixtures/types.js";

/** One request the provisioning service sent, as Entra's provisioning logs show it. */
export interface ProvisioningLogEntry {
  at: string;
  method: string;
  path: string;
  status: number;
  upn?: string;
  /** What the service made of it: created, updated, disabled, unchanged, skipped or failed. */
  action?: string;
  detail?: string;
}

/** One tenant's provisioning job: Entra's "Admin Credentials" plus the directory changes the sandbox plays. */
export interface ProvisioningJob {
  tid: string;
  tenantUrl: string | null;
  secretToken: string | null;
  /** UPNs no longer assigned to the app (or disabled in the directory): the next cycle disables them. */
  leavers: Set<string>;
  /** Directory edits since the fixtures (a new display name), which the next cycle sends as PATCHes. */
  displayNames: Map<string, string>;
  log: ProvisioningLogEntry[];
}

const MAX_LOG = 500;

/** The sandbox's provisioning jobs, one per tenant, in memory (a restart starts them unconfigured). */
export class ProvisioningJobs {
  private readonly jobs = new Map<string, ProvisioningJob>();

  job(tid: string): ProvisioningJob {
    let job = this.jobs.get(tid);
    if (!job) {
      job = { tid, tenantUrl: null, secretToken: null, leavers: new Set(), displayNames: new Map(), log: [] };
      this.jobs.set(tid, job);
    }
    return job;
  }

  record(job: ProvisioningJob, entry: Omit<ProvisioningLogEntry, "at">): void {
    job.log.unshift({ at: new Date().toISOString(), ...entry });
    job.log.length = Math.min(job.log.length, MAX_LOG);
  }
}

/** The directory's view of a persona for provisioning: its current display name and whether it is in scope. */
export const displayNameOf = (job: ProvisioningJob, persona: Persona) => job.displayNames.get(persona.upn) ?? persona.displayName;
