import type { GraphReader } from "./graph-client.js";
import type { DetectedAccountType } from "./signal.js";

const FACULTY = /FACULTY$/i;
const STUDENT = /(STUDENT|STUUSEBNFT)$/i;

/** Teacher for faculty SKUs only, student for student SKUs only; mixed or neither decides nothing. */
export function accountTypeFromSkus(skuPartNumbers: readonly string[]): DetectedAccountType {
  const faculty = skuPartNumbers.some((sku) => FACULTY.test(sku));
  const student = skuPartNumbers.some((sku) => STUDENT.test(sku));
  if (faculty === student) return null;
  return { accountType: faculty ? "teacher" : "student", source: "license" };
}

/**
 * `license` (docs/spec.md §5.3): the skuPartNumbers of /me/licenseDetails. No `$select`: the sandbox applies it to
 * the collection itself and drops `value`; the payload is small either way.
 */
export async function licenseSignal(graph: GraphReader): Promise<DetectedAccountType> {
  const answer = await graph.get<{ value?: Array<{ skuPartNumber?: unknown }> }>("/me/licenseDetails");
  const skus = (answer.value ?? []).map((l) => (typeof l.skuPartNumber === "string" ? l.skuPartNumber : ""));
  return accountTypeFromSkus(skus);
}
