import type { GraphReader } from "./graph-client.js";
import { isNotFound, type DetectedAccountType } from "./signal.js";

/** `education_api` (docs/spec.md §5.2): `primaryRole` of /education/me, asked only when the tenant granted roster access. */
export async function educationSignal(graph: GraphReader): Promise<DetectedAccountType> {
  let answer: { primaryRole?: unknown };
  try {
    answer = await graph.get<{ primaryRole?: unknown }>("/education/me?$select=primaryRole");
  } catch (error) {
    // No education record for this user: the tenant has no say, the next signal decides.
    if (isNotFound(error)) return null;
    throw error;
  }
  const role = typeof answer.primaryRole === "string" ? answer.primaryRole.toLowerCase() : "";
  if (role === "teacher") return { accountType: "teacher", source: "education_api" };
  if (role === "student") return { accountType: "student", source: "education_api" };
  return null;
}
