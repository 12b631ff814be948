/**
 * The one GUID pattern: Entra tenant and object ids, organization, user and request ids. Kept apart from
 * zod so the tab can check a GUID without bundling a schema library.
 */
export const GUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isGuid = (value: string): boolean => GUID_PATTERN.test(value);
