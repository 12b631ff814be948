/** Facts about Microsoft Entra ID that the product relies on (docs/spec.md §3.6, §4). */

/** The tenant of personal Microsoft accounts: never auto-joined. */
export const PERSONAL_ACCOUNTS_TENANT = "9188040d-6c67-4c5b-b112-36a304b66dad";

/** Directory roles (template ids in `wids`) that can grant tenant-wide admin consent. */
export const CONSENT_ADMIN_ROLES: Record<string, string> = {
  "62e90394-69f5-4237-9190-012177145e10": "Global Administrator",
  "e8611ab8-c189-46e8-94e1-60213ab1f814": "Privileged Role Administrator",
  "158c047a-c907-4556-b7ef-446551a6b5f7": "Cloud Application Administrator",
  "9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3": "Application Administrator",
};

export function isTenantAdmin(roles: readonly string[]): boolean {
  return roles.some((role) => role.toLowerCase() in CONSENT_ADMIN_ROLES);
}

export const GRAPH_SCOPES = {
  signIn: ["openid", "profile", "User.Read"],
  roster: ["EduRoster.ReadBasic"],
} as const;
