/**
 * The Microsoft 365 Agents Playground's config file (`.m365agentsplayground.yml`, schema version 0.1.1), built so
 * that the Playground plays a sandbox persona: its current user carries the persona's tenant and object id, so the
 * bot authorises card actions and `pending` exactly as it would for that person in Teams.
 *
 * The Playground validates this file against its own JSON schema at start and exits if it does not match: every
 * user needs givenName and surname, and `users` must list exactly five other people.
 */
export interface PlaygroundPerson {
  upn: string;
  tid: string;
  oid: string;
  displayName: string;
  email: string;
}

/** The Playground reads its config from this variable (or `.m365agentsplayground.yml` in its working folder). */
export const PLAYGROUND_CONFIG_VARIABLE = "M365_AGENTS_PLAYGROUND_CONFIG_PATH";
/** Where the Playground writes its own log (it defaults to ./devTools in the working folder). */
export const PLAYGROUND_LOG_VARIABLE = "M365_AGENTS_PLAYGROUND_LOGFILE";
export const PLAYGROUND_PERSONAL_CHAT_ID = "personal-chat-rosterlink";
const OTHER_USERS = 5;

/** The channel account id Teams gives a user: "29:" and an opaque id; the persona's oid keeps it stable. */
export const playgroundUserId = (person: PlaygroundPerson) => `29:${person.oid}`;

export function playgroundConfig(currentUser: PlaygroundPerson, everyone: readonly PlaygroundPerson[]): string {
  const others = [
    ...everyone.filter((p) => p.tid === currentUser.tid && p.upn !== currentUser.upn),
    ...everyone.filter((p) => p.tid !== currentUser.tid),
  ].slice(0, OTHER_USERS);
  if (others.length < OTHER_USERS) throw new Error(`The Playground needs ${OTHER_USERS} other users; the sandbox has ${others.length}`);
  const user = (p: PlaygroundPerson, indent: string) => {
    const [givenName, ...rest] = p.displayName.replace(/\s*\(.*\)$/, "").split(/\s+/);
    return [
      `id: ${quote(playgroundUserId(p))}`,
      `name: ${quote(p.displayName)}`,
      `userPrincipleName: ${quote(p.upn)}`,
      `aadObjectId: ${quote(p.oid)}`,
      `givenName: ${quote(givenName || p.displayName)}`,
      `surname: ${quote(rest.join(" ") || "-")}`,
      `email: ${quote(p.email)}`,
    ].map((line, i) => (i === 0 ? line : indent + line));
  };
  return [
    'version: "0.1.1"',
    `tenantId: ${quote(currentUser.tid)}`,
    "bot:",
    '  id: "28:rosterlink"',
    "  name: RosterLink",
    "currentUser:",
    ...user(currentUser, "  ").map((line, i) => (i === 0 ? `  ${line}` : line)),
    "users:",
    ...others.flatMap((p) => user(p, "    ").map((line, i) => (i === 0 ? `  - ${line}` : line))),
    "personalChat:",
    `  id: ${PLAYGROUND_PERSONAL_CHAT_ID}`,
    "groupChat:",
    "  id: group-chat-rosterlink",
    "  name: Staff room",
    "team:",
    "  id: team-rosterlink",
    "  name: RosterLink Team",
    '  aadGroupId: "00000000-0000-0000-0000-000000000031"',
    "  channels:",
    "    - id: channel-admins",
    "      name: Admins",
    "",
  ].join("\n");
}

/** YAML double-quoted scalars accept JSON strings, which escapes anything a display name may hold. */
const quote = (value: string) => JSON.stringify(value);
