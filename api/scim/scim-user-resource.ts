import type { ProvisionedUser } from "../domain/provisioning/provisioned-users.js";
import { CORE_USER_SCHEMA } from "./scim-values.js";

export const LIST_RESPONSE_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:ListResponse";

/** A user as a SCIM resource: only what RosterLink keeps; the address it shows is the sign-in name. */
export function presentScimUser(user: ProvisionedUser, baseUrl: string): Record<string, unknown> {
  return {
    schemas: [CORE_USER_SCHEMA],
    id: user.id,
    externalId: user.oid,
    userName: user.userName,
    displayName: user.displayName,
    active: user.active,
    emails: user.userName ? [{ value: user.userName, type: "work", primary: true }] : [],
    meta: {
      resourceType: "User",
      created: user.created.toISOString(),
      lastModified: user.lastModified.toISOString(),
      location: `${baseUrl}/Users/${user.id}`,
    },
  };
}

export function listResponse(resources: unknown[], totalResults: number, startIndex: number): Record<string, unknown> {
  return { schemas: [LIST_RESPONSE_SCHEMA], totalResults, startIndex, itemsPerPage: resources.length, Resources: resources };
}
