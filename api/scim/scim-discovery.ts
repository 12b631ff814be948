import { CORE_USER_SCHEMA } from "./scim-values.js";
import { LIST_RESPONSE_SCHEMA } from "./scim-user-resource.js";

/** The most users one page answers with; `count` above it is lowered to it (RFC 7644 §3.4.2.4). */
export const MAX_PAGE = 100;

/** RFC 7643 §5: what this endpoint supports, so a client need not guess. */
export function serviceProviderConfig(baseUrl: string): Record<string, unknown> {
  return {
    schemas: ["urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"],
    documentationUri: "https://github.com/rosterlink/rosterlink/blob/main/docs/provisioning.md",
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: MAX_PAGE },
    changePassword: { supported: false },
    sort: { supported: false },
    etag: { supported: false },
    authenticationSchemes: [
      {
        type: "oauthbearertoken",
        name: "Bearer secret",
        description: "The secret an organization admin creates in RosterLink under Settings → Provisioning (Entra: Secret Token).",
        primary: true,
      },
    ],
    meta: { resourceType: "ServiceProviderConfig", location: `${baseUrl}/ServiceProviderConfig` },
  };
}

const stringAttribute = (name: string, description: string, extra: Record<string, unknown> = {}) => ({
  name,
  type: "string",
  multiValued: false,
  description,
  required: false,
  caseExact: false,
  mutability: "readWrite",
  returned: "default",
  uniqueness: "none",
  ...extra,
});

/** Only the attributes RosterLink keeps are described; others Entra sends are accepted and not stored. */
export function userSchema(baseUrl: string): Record<string, unknown> {
  return {
    schemas: ["urn:ietf:params:scim:schemas:core:2.0:Schema"],
    id: CORE_USER_SCHEMA,
    name: "User",
    description: "A person of the linked tenant; active means a member of the organization.",
    attributes: [
      stringAttribute("userName", "The sign-in name (UPN); kept as the address RosterLink shows.", { required: true, uniqueness: "server" }),
      stringAttribute("externalId", "The Entra object id (a GUID); with the tenant it identifies the person.", { required: true, caseExact: false, mutability: "immutable" }),
      stringAttribute("displayName", "The name RosterLink shows."),
      { name: "active", type: "boolean", multiValued: false, description: "Member of the organization.", required: false, mutability: "readWrite", returned: "default" },
    ],
    meta: { resourceType: "Schema", location: `${baseUrl}/Schemas/${CORE_USER_SCHEMA}` },
  };
}

export function userResourceType(baseUrl: string): Record<string, unknown> {
  return {
    schemas: ["urn:ietf:params:scim:schemas:core:2.0:ResourceType"],
    id: "User",
    name: "User",
    endpoint: "/Users",
    description: "People of the linked tenant",
    schema: CORE_USER_SCHEMA,
    meta: { resourceType: "ResourceType", location: `${baseUrl}/ResourceTypes/User` },
  };
}

export const listOf = (resources: unknown[]) => ({ schemas: [LIST_RESPONSE_SCHEMA], totalResults: resources.length, startIndex: 1, itemsPerPage: resources.length, Resources: resources });
