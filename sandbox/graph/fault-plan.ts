import type { GraphFault, Persona } from "../fixtures/types.js";

/**
 * Per-persona Graph fault scripts. Each persona starts with its fixture's script; tests replace it at
 * runtime. Steps apply in order and repeat, so a faulty persona keeps failing however often it retries.
 */
export class FaultPlan {
  private readonly overrides = new Map<string, GraphFault[]>();
  private readonly positions = new Map<string, number>();

  set(upn: string, faults: GraphFault[]): void {
    this.overrides.set(upn, faults);
    this.positions.delete(upn);
  }

  /** The step for this persona's next request, or undefined when it has no faults. */
  next(persona: Persona): GraphFault | undefined {
    const faults = this.overrides.get(persona.upn) ?? persona.graph.faults;
    if (faults.length === 0) return undefined;
    const position = this.positions.get(persona.upn) ?? 0;
    this.positions.set(persona.upn, position + 1);
    return faults[position % faults.length];
  }

  current(persona: Persona): GraphFault[] {
    return this.overrides.get(persona.upn) ?? persona.graph.faults;
  }
}
