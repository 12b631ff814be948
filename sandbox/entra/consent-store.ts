import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { SandboxTenant } from "../fixtures/types.js";

/** A tenant-wide (admin) consent of an app to Graph scopes. */
export interface ConsentGrant {
  tid: string;
  clientId: string;
  /** Short Graph scope names, e.g. "User.Read". */
  scopes: string[];
  grantedAt: string;
  grantedBy: string | null;
}

interface SandboxState {
  consentGrants: ConsentGrant[];
}

/** Admin consent grants, persisted in dataDir/state.json so a restart keeps what a tenant admin accepted. */
export class ConsentStore {
  private constructor(
    private readonly path: string,
    private state: SandboxState,
  ) {}

  static async load(dataDir: string, tenants: SandboxTenant[], clientId: string): Promise<ConsentStore> {
    const path = join(dataDir, "state.json");
    try {
      const state = JSON.parse(await readFile(path, "utf8")) as SandboxState;
      return new ConsentStore(path, { consentGrants: state.consentGrants ?? [] });
    } catch {
      // A fresh sandbox starts with the fixtures' grants (Contoso has consented, the others not yet).
      const consentGrants = tenants
        .filter((tenant) => tenant.initialConsent.length > 0)
        .map((tenant) => ({
          tid: tenant.tid,
          clientId,
          scopes: [...tenant.initialConsent],
          grantedAt: new Date(0).toISOString(),
          grantedBy: null,
        }));
      const store = new ConsentStore(path, { consentGrants });
      await store.save();
      return store;
    }
  }

  list(): ConsentGrant[] {
    return this.state.consentGrants.map((grant) => ({ ...grant, scopes: [...grant.scopes] }));
  }

  find(tid: string, clientId: string): ConsentGrant | undefined {
    return this.state.consentGrants.find((grant) => grant.tid === tid && grant.clientId === clientId);
  }

  /** Records an admin consent; like Entra, consenting again adds scopes to what was granted before. */
  async grant(tid: string, clientId: string, scopes: string[], grantedBy: string): Promise<ConsentGrant> {
    const existing = this.find(tid, clientId);
    const merged = [...new Set([...(existing?.scopes ?? []), ...scopes])];
    const grant: ConsentGrant = { tid, clientId, scopes: merged, grantedAt: new Date().toISOString(), grantedBy };
    this.state.consentGrants = [...this.state.consentGrants.filter((g) => g !== existing), grant];
    await this.save();
    return grant;
  }

  /** Removes every grant of a tenant (what deleting the enterprise app does); returns whether any existed. */
  async revoke(tid: string): Promise<boolean> {
    const before = this.state.consentGrants.length;
    this.state.consentGrants = this.state.consentGrants.filter((grant) => grant.tid !== tid);
    await this.save();
    return this.state.consentGrants.length !== before;
  }

  private async save(): Promise<void> {
    await writeFile(this.path, JSON.stringify(this.state, null, 2));
  }
}
