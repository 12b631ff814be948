import type { ConsentOutcome } from "../../../contract/microsoft365.js";

/** The AADSTS code at the start of Entra's error_description, e.g. "AADSTS65004: User declined…". */
export function aadstsCodeOf(description: string | undefined): string | null {
  const match = /AADSTS(\d{4,8})/.exec(description ?? "");
  return match ? `AADSTS${match[1]}` : null;
}

/**
 * What an error from /adminconsent means for the admin. Entra sends admin_consent=True together with
 * a decline, so the error decides, never admin_consent.
 */
export function outcomeOfConsentError(error: string, code: string | null): { outcome: ConsentOutcome; reason: string } {
  if (code === "AADSTS65004" || (error === "access_denied" && code === null)) return { outcome: "declined", reason: "declined" };
  if (code === "AADSTS90094" || code === "AADSTS90093") return { outcome: "not_admin", reason: "not_admin" };
  return { outcome: "error", reason: "entra_error" };
}
