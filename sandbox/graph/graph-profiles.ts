import type { Persona, PersonaGraph } from "../fixtures/types.js";

/** What a test or a user may change about a persona's directory data at runtime. */
export type GraphProfileChange = Partial<Pick<PersonaGraph, "educationRole" | "licenses" | "groups">>;

/**
 * Directory changes made at runtime — a student who becomes staff, a licence reassigned — layered over
 * the fixtures, which stay untouched because every sandbox in a process shares them. Graph answers
 * from the persona as changed here.
 */
export class GraphProfiles {
  private readonly changes = new Map<string, GraphProfileChange>();

  change(upn: string, change: GraphProfileChange): void {
    this.changes.set(upn, { ...this.changes.get(upn), ...change });
  }

  /** The persona as Graph should see it now. */
  of(persona: Persona): Persona {
    const change = this.changes.get(persona.upn);
    return change ? { ...persona, graph: { ...persona.graph, ...change } } : persona;
  }
}
