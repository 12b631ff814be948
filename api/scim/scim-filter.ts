import type { UserFilter } from "../domain/provisioning/provisioned-users.js";
import { invalidFilter } from "../domain/provisioning/scim-problems.js";

// Entra queries `userName eq "…"` and `externalId eq "…"` (RFC 7644 §3.4.2.2); nothing else is needed.
const EQUALS = /^\s*(userName|externalId|urn:ietf:params:scim:schemas:core:2\.0:User:(?:userName|externalId))\s+eq\s+"((?:[^"\\]|\\.)*)"\s*$/i;

/** The one supported filter shape, or 400 invalidFilter naming what is supported. */
export function parseUserFilter(filter: unknown): UserFilter | null {
  if (filter === undefined || filter === "") return null;
  if (typeof filter !== "string" || filter.length > 1000) throw invalidFilter("filter must be a single string.");
  const match = EQUALS.exec(filter);
  if (!match) throw invalidFilter('Supported filters: userName eq "…" and externalId eq "…".');
  const attribute = match[1]!.toLowerCase().endsWith("username") ? "userName" : "externalId";
  const value = match[2]!.replace(/\\(.)/g, "$1");
  return { attribute, value };
}
