import type { z } from "zod/v4";
import type { permissionView } from "../../../contract/microsoft365.js";
import type { OrganizationKind } from "../../store/types.js";
import { tenantWords } from "./tenant-words.js";

type PermissionView = z.infer<typeof permissionView>;

type Words = ReturnType<typeof tenantWords>;

/** Every permission RosterLink can ask a tenant for, and why, in the organization's words (docs/spec.md §3.2). */
const PERMISSIONS: ReadonlyArray<Pick<PermissionView, "scope" | "purpose"> & { why: (w: Words) => string }> = [
  { scope: "openid", purpose: "sign_in", why: () => "Sign people in to RosterLink with their Microsoft 365 account." },
  { scope: "profile", purpose: "sign_in", why: (w) => `Show each person's name to the ${w.place}'s admins.` },
  { scope: "User.Read", purpose: "sign_in", why: (w) => `Read the signed-in person's own profile and licences, to recognise ${w.types}.` },
  {
    scope: "EduRoster.ReadBasic",
    purpose: "roster",
    why: (w) => `Read whether the signed-in person is ${w.eitherType} in the ${w.roster}, so they join with the right account type.`,
  },
];

/** Graph scopes come back as URIs (https://graph.microsoft.com/User.Read); the product speaks short names. */
export function shortScopeNames(scope: string): string[] {
  const names = scope
    .split(/\s+/)
    .filter(Boolean)
    .map((s) => s.replace(/^https:\/\/graph\.microsoft\.com\//i, ""))
    .map((s) => PERMISSIONS.find((p) => p.scope.toLowerCase() === s.toLowerCase())?.scope ?? s);
  return [...new Set(names)];
}

export const grantsRoster = (scopes: readonly string[]) => scopes.some((s) => s.toLowerCase() === "eduroster.readbasic");

/**
 * The permission list for one link. `consented` says whether an admin has consented at all:
 * openid and profile are never returned in `scope`, but come with any consent.
 */
export function permissionsFor(rosterRequested: boolean, grantedScopes: readonly string[], consented: boolean, kind?: OrganizationKind | null): PermissionView[] {
  const granted = new Set(grantedScopes.map((s) => s.toLowerCase()));
  const words = tenantWords(kind);
  return PERMISSIONS.map((p) => ({
    ...p,
    why: p.why(words),
    requested: p.purpose === "sign_in" || rosterRequested,
    granted: consented && (p.scope === "openid" || p.scope === "profile" || granted.has(p.scope.toLowerCase())),
  }));
}
