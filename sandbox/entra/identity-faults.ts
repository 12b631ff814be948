import { createHash } from "node:crypto";
import type { Persona } from "../fixtures/types.js";

/**
 * How the keys endpoints fail during an outage: `unavailable` answers 503 as an overloaded front door
 * does; `connection_closed` drops the connection before any answer, as a network fault does.
 */
export type JwksOutage = "unavailable" | "connection_closed";

/**
 * The Conditional Access answers on-behalf-of can give. AADSTS50076: the user must do multi-factor
 * authentication for the resource; AADSTS50079: the user must first register for it.
 */
export type InteractionCode = 50076 | 50079;

/** A Conditional Access policy that stops on-behalf-of for one person, or for everyone in a tenant. */
export interface InteractionRule {
  upn?: string;
  tid?: string;
  code: InteractionCode;
  /** The policy's id, as Entra names it in the `capolids` claims challenge. */
  policyId: string;
}

export interface IdentityFaultState {
  jwksOutage: JwksOutage | null;
  interactionRequired: InteractionRule[];
}

/**
 * Sandbox-only switches on Entra itself, turned on and off over HTTP (sandbox/control/identity-fault-routes.ts):
 * the signing keys endpoints down, and Conditional Access that on-behalf-of cannot satisfy. All off by default.
 */
export class IdentityFaults {
  private outage: JwksOutage | null = null;
  private rules: InteractionRule[] = [];

  setJwksOutage(outage: JwksOutage | null): void {
    this.outage = outage;
  }

  get jwksOutage(): JwksOutage | null {
    return this.outage;
  }

  /** A later rule for the same person or tenant replaces the earlier one. */
  requireInteraction(target: { upn: string } | { tid: string }, code: InteractionCode): InteractionRule {
    const key = "upn" in target ? `upn:${target.upn}` : `tid:${target.tid}`;
    const rule: InteractionRule = { ...target, code, policyId: policyIdFor(key) };
    this.rules = [...this.rules.filter((r) => (r.upn ? `upn:${r.upn}` : `tid:${r.tid}`) !== key), rule];
    return rule;
  }

  /** The rule that applies to this person, the person's own before their tenant's. */
  interactionFor(persona: Persona): InteractionRule | undefined {
    return this.rules.find((r) => r.upn === persona.upn) ?? this.rules.find((r) => r.tid === persona.tid);
  }

  clearInteraction(): void {
    this.rules = [];
  }

  /** Everything off: the sandbox's reset for these switches. */
  reset(): void {
    this.outage = null;
    this.rules = [];
  }

  current(): IdentityFaultState {
    return { jwksOutage: this.outage, interactionRequired: [...this.rules] };
  }
}

/** A stable GUID-shaped id per rule target, so a claims challenge reads the same each time. */
function policyIdFor(key: string): string {
  const hex = createHash("sha256").update(`conditional-access|${key}`).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
