import { isGuid } from "../../contract/guid.js";
import type { ProvisionedUserBody } from "../domain/provisioning/write-provisioned-user.js";
import { invalidValue } from "../domain/provisioning/scim-problems.js";
import { attribute, isObject, objectBody, scimBoolean, scimString } from "./scim-values.js";

export const MAX_USER_NAME = 320;
export const MAX_DISPLAY_NAME = 256;

/** externalId carries the Entra object id, RosterLink's half of the (tid, oid) identity. */
export function objectIdOf(value: unknown): string {
  if (typeof value !== "string" || !isGuid(value.trim())) {
    throw invalidValue("externalId must be the user's Entra object id (a GUID): map objectId to externalId in Entra.");
  }
  return value.trim().toLowerCase();
}

/** The display name RosterLink keeps: displayName, else the name parts, else the userName. */
function displayNameOf(body: Record<string, unknown>, userName: string): string {
  const displayName = attribute(body, "displayName");
  if (displayName !== undefined && displayName !== null) return scimString(displayName, "displayName", MAX_DISPLAY_NAME);
  const name = attribute(body, "name");
  if (isObject(name)) {
    const formatted = attribute(name, "formatted");
    if (typeof formatted === "string" && formatted.trim()) return scimString(formatted, "name.formatted", MAX_DISPLAY_NAME);
    const parts = [attribute(name, "givenName"), attribute(name, "familyName")].filter((p): p is string => typeof p === "string" && p.trim() !== "");
    if (parts.length > 0) return scimString(parts.join(" "), "name", MAX_DISPLAY_NAME);
  }
  return userName.slice(0, MAX_DISPLAY_NAME);
}

/**
 * A SCIM user from POST or PUT, reduced to what RosterLink keeps (docs/spec.md §4). Attributes Entra's default
 * mappings add (title, phone numbers, addresses, the enterprise extension) are accepted and not stored.
 */
export function parseUserBody(body: unknown): ProvisionedUserBody {
  const user = objectBody(body);
  const userName = scimString(attribute(user, "userName"), "userName", MAX_USER_NAME);
  const oid = objectIdOf(attribute(user, "externalId"));
  const active = attribute(user, "active");
  return {
    oid,
    userName,
    displayName: displayNameOf(user, userName),
    active: active === undefined || active === null ? true : scimBoolean(active, "active"),
  };
}
