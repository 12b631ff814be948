import { strings } from "../../strings.js";

/** The day is a UTC calendar day: shown as that day wherever the admin is, never as a time. */
const dayFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeZone: "UTC" });

/** A member's last sign-in as a day ("Dec 4, 2026"), or "Never". */
export function LastSeenDay({ day }: { day: string | null }) {
  if (!day) return <>{strings.members.neverSignedIn}</>;
  return <time dateTime={day}>{dayFormat.format(new Date(`${day}T00:00:00Z`))}</time>;
}
