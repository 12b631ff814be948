import type { ChangeProvisionedUser } from "../domain/provisioning/write-provisioned-user.js";
import { invalidSyntax, invalidValue } from "../domain/provisioning/scim-problems.js";
import { MAX_DISPLAY_NAME, MAX_USER_NAME, objectIdOf } from "./scim-user-body.js";
import { attribute, attributePath, isObject, lower, objectBody, scimBoolean, scimString } from "./scim-values.js";

const MAX_OPERATIONS = 100;
type Change = Pick<ChangeProvisionedUser, "oid" | "change">;

/** Applies one attribute of a PATCH to the change; attributes RosterLink does not keep are accepted and dropped. */
function applyAttribute(target: Change, op: "add" | "replace" | "remove", rawPath: string, value: unknown): void {
  const path = lower(attributePath(rawPath));
  switch (path) {
    case "active":
      if (op === "remove") throw invalidValue("active cannot be removed; set it to false.");
      target.change.active = scimBoolean(value, "active");
      return;
    case "username":
      if (op === "remove") throw invalidValue("userName is required and cannot be removed.");
      target.change.userName = scimString(value, "userName", MAX_USER_NAME);
      return;
    case "displayname":
      // Removing the display name leaves the sign-in name to show, as sign-in does when there is none.
      if (op === "remove") target.change.displayName = undefined;
      else target.change.displayName = scimString(value, "displayName", MAX_DISPLAY_NAME);
      return;
    case "externalid":
      if (op === "remove") throw invalidValue("externalId cannot be removed.");
      target.oid = objectIdOf(value);
      return;
    default:
      // name.givenName, emails[type eq "work"].value, title, the enterprise extension…: not kept (docs/spec.md §4).
      return;
  }
}

/**
 * A SCIM PatchOp (RFC 7644 §3.5.2) as Entra sends it: "Replace"/"replace"/"Add", string booleans
 * ("False"), paths like `active` or `name.givenName`, and operations with no path whose value is an
 * object of attributes. The result lists only the attributes RosterLink keeps.
 */
export function parsePatch(body: unknown): Change {
  const patch = objectBody(body);
  const operations = attribute(patch, "Operations");
  if (!Array.isArray(operations) || operations.length === 0) throw invalidSyntax("Operations must be a non-empty array.");
  if (operations.length > MAX_OPERATIONS) throw invalidSyntax(`At most ${MAX_OPERATIONS} operations per request.`);
  const result: Change = { change: {} };
  for (const operation of operations) {
    if (!isObject(operation)) throw invalidSyntax("Each operation must be an object.");
    const opName = attribute(operation, "op");
    const op = typeof opName === "string" ? lower(opName) : "";
    if (op !== "add" && op !== "replace" && op !== "remove") throw invalidSyntax('op must be "add", "replace" or "remove".');
    const path = attribute(operation, "path");
    const value = attribute(operation, "value");
    if (path !== undefined && path !== null && path !== "") {
      if (typeof path !== "string" || path.length > 500) throw invalidSyntax("path must be a string.");
      applyAttribute(result, op, path, value);
      continue;
    }
    if (op === "remove") throw invalidSyntax("A remove operation needs a path.");
    if (!isObject(value)) throw invalidSyntax("An operation without a path needs an object of attributes as its value.");
    for (const [name, attributeValue] of Object.entries(value)) applyAttribute(result, op, name, attributeValue);
  }
  if ("displayName" in result.change && result.change.displayName === undefined) delete result.change.displayName;
  return result;
}
