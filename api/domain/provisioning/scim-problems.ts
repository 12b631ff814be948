import { Problem } from "../../errors.js";

/**
 * SCIM answers with its own error shape (RFC 7644 §3.12); the SCIM edge turns these Problems into it.
 * `scimType` travels in the Problem's extra fields so the domain needs nothing from the edge.
 */
export type ScimType = "invalidFilter" | "invalidSyntax" | "invalidPath" | "invalidValue" | "mutability" | "uniqueness" | "tooMany" | "noTarget";

export const scimProblem = (status: number, scimType: ScimType | null, detail: string) =>
  new Problem(status, scimType ? `scim_${scimType}` : `scim_${status}`, "SCIM request refused", detail, scimType ? { scimType } : {});

export const invalidValue = (detail: string) => scimProblem(400, "invalidValue", detail);
export const invalidSyntax = (detail: string) => scimProblem(400, "invalidSyntax", detail);
export const invalidFilter = (detail: string) => scimProblem(400, "invalidFilter", detail);
export const uniqueness = (detail: string) => scimProblem(409, "uniqueness", detail);
export const mutability = (detail: string) => scimProblem(400, "mutability", detail);
export const userNotFound = () => scimProblem(404, null, "No such user for this provisioning secret.");
export const notAuthorized = () => scimProblem(401, null, "The bearer secret is missing, wrong or revoked.");
