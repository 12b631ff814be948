import { invalidSyntax, invalidValue } from "../domain/provisioning/scim-problems.js";

/** SCIM attribute names are case-insensitive (RFC 7643 §2.1); so are Entra's op names ("Replace"). */
export const lower = (value: string) => value.toLowerCase();

export const CORE_USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";

/** Strips the core schema prefix Entra may put on a path: "urn:…:core:2.0:User:active" → "active". */
export function attributePath(path: string): string {
  const prefix = `${CORE_USER_SCHEMA}:`;
  return lower(path).startsWith(lower(prefix)) ? path.slice(prefix.length) : path;
}

/** Entra sends booleans as strings ("False") unless the app opted in to the 2020 behaviour. */
export function scimBoolean(value: unknown, attribute: string): boolean {
  if (typeof value === "boolean") return value;
  if (typeof value === "string" && /^(true|false)$/i.test(value.trim())) return lower(value.trim()) === "true";
  throw invalidValue(`${attribute} must be true or false.`);
}

export function scimString(value: unknown, attribute: string, maxLength: number): string {
  if (typeof value !== "string") throw invalidValue(`${attribute} must be a string.`);
  const trimmed = value.trim();
  if (trimmed.length === 0) throw invalidValue(`${attribute} must not be empty.`);
  if (trimmed.length > maxLength) throw invalidValue(`${attribute} is longer than ${maxLength} characters.`);
  return trimmed;
}

export const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** The request body as an object, or 400 invalidSyntax (arrays, strings, unparsed bodies). */
export function objectBody(body: unknown): Record<string, unknown> {
  if (!isObject(body) || Buffer.isBuffer(body)) throw invalidSyntax("The body must be a JSON object.");
  return body;
}

/** Case-insensitive attribute lookup on a SCIM object. */
export function attribute(source: Record<string, unknown>, name: string): unknown {
  const key = Object.keys(source).find((k) => lower(k) === lower(name));
  return key === undefined ? undefined : source[key];
}
