/**
 * Every word the tab shows, in one place (docs/spec.md §8), so wording stays consistent and can be translated.
 * Functions build sentences that carry values.
 */
import { organizationWords } from "../../contract/organization-words.js";

type Kind = "school" | "district" | "elearning";
const plural = (n: number, one: string, many: string) => (n === 1 ? `1 ${one}` : `${n} ${many}`);

/**
 * The organization's own words (docs/spec.md §1): eLearning organizations have creators and learners and
 * are "the organization"; schools and districts have teachers and students.
 */
export function orgWords(kind: Kind | undefined) {
  const words = organizationWords(kind);
  return {
    ...words,
    educationData: `your ${words.place}'s Microsoft 365 education data`,
  };
}

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * An account type as the organization says it. In an eLearning organization a teacher is a creator and a
 * student a learner, with the same rights (the server translates detected types the same way); someone who
 * joined with a school type (a teacher's subscription students stay `student`, docs/spec.md §6) still reads
 * the organization's words.
 */
export function accountTypeIn(type: string, kind: Kind | undefined): string {
  const elearning: Record<string, string> = { teacher: "creator", student: "learner" };
  const school: Record<string, string> = { creator: "teacher", learner: "student" };
  if (!kind) return type;
  return (kind === "elearning" ? elearning[type] : school[type]) ?? type;
}

export function accountTypeName(type: string, kind: Kind | undefined): string {
  const inKind = accountTypeIn(type, kind);
  return strings.accountTypes[inKind] ?? inKind;
}

export const strings = {
  appName: "RosterLink",
  loading: "Loading…",
  retry: "Try again",
  loadMore: "Load more",
  cancel: "Cancel",
  save: "Save",
  close: "Close",
  errorTitle: "Something went wrong",
  noHostReason: "RosterLink could not reach Microsoft Teams.",

  signIn: {
    title: "Sign in to RosterLink",
    body: "Use your school or work Microsoft account, or a personal Microsoft account.",
    button: "Sign in with Microsoft",
    completing: "Signing you in…",
    stateMismatch: "The sign-in answer did not match the sign-in that was started here. Please sign in again.",
    failed: (detail: string) => `Sign-in did not complete: ${detail}`,
    signOut: "Sign out",
    again: "Sign in again",
  },

  nav: {
    label: "RosterLink sections",
    home: "Home",
    admin: "Administration",
    settings: "Settings",
    members: "Members",
    requests: "Management requests",
    activity: "Activity",
  },

  accountTypes: {
    teacher: "Teacher",
    student: "Student",
    creator: "Creator",
    learner: "Learner",
  } as Record<string, string>,

  accountTypeSources: {
    group_rule: "from your Microsoft 365 groups",
    education_api: "from your school's Microsoft 365 education data",
    license: "from your Microsoft 365 licence",
    user_choice: "chosen by you",
    admin: "set by an admin",
  } as Record<string, string>,

  plans: {
    free: "Free plan",
    teacher: "Teacher plan",
    school: "School plan",
    district: "District plan",
    elearning_paid: "eLearning plan",
  } as Record<string, string>,

  home: {
    welcome: (name: string) => `Welcome, ${name}`,
    organizationHeading: "Your organization",
    memberOf: (org: string) => `You are a member of ${org}.`,
    adminOf: "You are an admin of this organization.",
    individual: "You use RosterLink as an individual: you are not a member of an organization.",
    accountTypeHeading: "Your account type",
    accountType: (type: string, source: string | null) => (source ? `${type} (${source})` : type),
    accountTypeUnknown: "Not chosen yet",
    accountTypeAfterConsent: "Worked out when you join, after the permissions are granted.",
    teacherConfirmationPending: (kind?: Kind) => `An admin of your organization still has to confirm that you are a ${orgWords(kind).leader}.`,
    openAdmin: "Open administration",
  },

  picker: {
    legend: "Which describes you?",
    hint: "We could not tell from Microsoft 365. You can ask an admin to change it later.",
    submit: "Continue",
  },

  declined: {
    title: "Request declined",
    body: (org: string) => `An admin of ${org} declined your request to join.`,
    reason: (reason: string) => `Reason: ${reason}`,
    askAgain: (date: string) => `You can ask again from ${date}.`,
  },

  joinBanner: {
    title: (org: string) => `Join ${org}`,
    body: (org: string) => `Your Microsoft 365 account belongs to ${org}. Ask an admin to add you to the organization.`,
    ask: "Ask to join",
    notNow: "Not now",
  },

  pending: {
    title: "Request pending",
    body: (org: string) => `Your request to join ${org} is pending. An admin will decide soon.`,
  },

  consentPrompt: {
    title: "Permissions needed",
    body: (org: string) =>
      `As an administrator of your Microsoft 365 tenant, you can grant RosterLink the permissions ${org} needs so everyone can sign in and join automatically.`,
    button: "Grant permissions",
  },

  awaitingConsent: {
    title: "You will join automatically",
    body: (org: string) =>
      `${org} is connecting its Microsoft 365 tenant. Once an administrator of the tenant grants the permissions, you join ${org} the next time you open RosterLink, with your account type worked out then. You can use RosterLink as an individual until then.`,
  },

  consentOutcomes: {
    granted: "Permissions granted. The tenant is connected.",
    granted_without_roster: "Permissions granted without roster data. Account types come from licences or people's choice.",
    granted_without_roster_elearning: "Permissions granted without education data. Account types come from licences or people's choice.",
    declined: "Consent was declined. Nothing changed.",
    not_admin: "Only a Global Administrator of the tenant can grant these permissions. Make a link for IT below and send it to them.",
    invalid_state: "This consent link is not valid any more. Start again from Settings.",
    expired_state: "This consent link expired. Start again from Settings.",
    tenant_mismatch: "Consent was given for a different tenant than the one entered. Nothing changed.",
    error: "Microsoft reported an error during consent. Try again.",
    CancelledByUser: "The consent window was closed before it finished.",
  } as Record<string, string>,

  settings: {
    title: "Microsoft 365",
    unavailableTitle: "The Microsoft 365 integration is not available on your plan",
    statusLabel: "Status",
    nextStep: "What to do next",
    tenantsHeading: "Connected tenants",
    addTenantHeading: "Connect a tenant",
    tenantField: "Tenant ID or domain",
    tenantHint: "For example contoso.onmicrosoft.com or the tenant's GUID.",
    rosterSwitch: (kind?: Kind) => {
      const w = orgWords(kind);
      return `Share ${w.rosterData} (${w.leader} and ${w.follower} roles)`;
    },
    permissionsHeading: "Permissions that will be requested",
    saveButton: "Save and grant permissions",
    grantButton: "Grant permissions",
    askAdminHeading: "Message for your Global Administrator",
    askAdminHint: "If you cannot grant the permissions yourself, send this to a Global Administrator of the tenant.",
    copy: "Copy message",
    copied: "Copied",
    tenantRequired: "Enter a tenant ID or domain.",
    unlink: "Unlink",
    unlinkLabel: (tenant: string) => `Unlink ${tenant}`,
    unlinkConfirmTitle: (tenant: string) => `Unlink ${tenant}?`,
    unlinkConfirmBody:
      "People from this tenant will no longer join the organization automatically when they sign in. Everyone who is already a member stays a member, with their account type.",
    unlinked: (tenant: string, members: number) => `${tenant} is unlinked. ${members === 1 ? "1 member stays" : `${members} members stay`} in the organization.`,
  },

  tenantLink: {
    details: (code: string) => `Details: Microsoft answered ${code}.`,
    whoJoinsHeading: "Who joins",
    whoJoinsActive: "Everyone from this tenant who signs in to RosterLink for the first time joins the organization automatically.",
    whoJoinsLater:
      "Once permissions are granted, everyone from this tenant who signs in joins automatically — including people who opened RosterLink before: they join at their next sign-in.",
    waiting: (n: number) => (n === 1 ? "1 person signed in before consent and joins at their next sign-in after it." : `${n} people signed in before consent and join at their next sign-in after it.`),
    whoAsks: "People who had a RosterLink account before the tenant was linked (for example with their own subscription) ask to join; you approve them under Management requests.",
    neverJoin: "Guests from other tenants and personal Microsoft accounts never join automatically.",
    permissionsHeading: "Permissions",
    granted: "granted",
    notGranted: "not granted yet",
    grantedBeforeLost: "no longer granted: the tenant's consent must be given again",
    rosterOn: (kind?: Kind) => `Account types come from the ${orgWords(kind).roster} first.`,
    rosterWaiting: (kind?: Kind) =>
      `${capitalized(orgWords(kind).rosterData)} is on, but a tenant administrator has not granted the ${orgWords(kind).roster} permission yet.`,
    rosterLost: (kind?: Kind) =>
      `${capitalized(orgWords(kind).rosterData)} is on, but RosterLink cannot read the ${orgWords(kind).roster} until the tenant's consent is given again.`,
    rosterOff: (kind?: Kind) => `RosterLink does not read the ${orgWords(kind).roster}: account types come from group rules, licences or people's own choice.`,
    forItHeading: "Send a link to your IT",
    forItIntro:
      "If you cannot grant the permissions yourself, make a link for a Global Administrator of the tenant. They need no RosterLink account; the link works for 7 days, or until they accept.",
    makeLink: "Make a link for IT",
    makeAnotherLink: "Make another link",
    linkValidUntil: (date: string) => `The link works until ${date}, or until someone accepts.`,
  },

  accountTypeSettings: {
    title: "Account types",
    intro: (kind?: Kind) =>
      `When someone from your Microsoft 365 tenant signs in for the first time, RosterLink works out their account type. Group rules are tried first, then ${orgWords(kind).educationData}, then licences; otherwise people choose.`,
    confirmSwitch: (kind?: Kind) => `${capitalized(orgWords(kind).leaders)} who choose their own account type wait for an admin to confirm them`,
    confirmHint: (kind?: Kind) => `Until then they have the rights of a ${orgWords(kind).follower}. Confirm them on the Members page.`,
    rulesHeading: "Group rules",
    rulesHint: "Members of a Microsoft 365 group get the rule's account type. A higher priority is tried first; among equal priorities, the rule higher in the list wins.",
    rulesUnavailable: "Group rules need the Microsoft 365 integration, which is not part of your plan.",
    noRules: "No group rules yet: account types come from education data, licences or people's own choice.",
    groupId: "Group ID",
    type: "Account type",
    priority: "Priority",
    groupIdLabel: (n: number) => `Group ID of rule ${n}`,
    typeLabel: (n: number) => `Account type of rule ${n}`,
    priorityLabel: (n: number) => `Priority of rule ${n}`,
    removeRule: (n: number) => `Remove rule ${n}`,
    remove: "Remove",
    addRule: "Add group rule",
    groupIdInvalid: "A group ID looks like 00000000-0000-0000-0000-000000000000 (the group's Object ID in Entra).",
    priorityInvalid: "Use a whole number between -1000 and 1000.",
    fixErrors: "Correct the highlighted rules before saving.",
    saveButton: "Save account type settings",
    saved: "Account type settings saved.",
  },

  statuses: {
    not_linked: "Not linked",
    awaiting_consent: "Awaiting consent",
    active: "Active",
    active_without_roster: "Active without roster data",
    active_without_roster_elearning: "Active without education data",
    needs_attention: "Needs attention",
  } as Record<string, string>,

  members: {
    title: "Members",
    search: "Search members by name or email",
    empty: "No members match.",
    name: "Name",
    email: "Email",
    type: "Account type",
    source: "Source",
    role: "Role",
    actions: "Actions",
    admin: "Admin",
    member: "Member",
    changeType: (name: string) => `Account type of ${name}`,
    makeAdmin: "Make admin",
    removeAdmin: "Remove admin rights",
    remove: "Remove from organization",
    removeConfirmTitle: (name: string) => `Remove ${name}?`,
    removeConfirmBody: "They lose access to the organization. Their account stays.",
    moreActions: (name: string) => `More actions for ${name}`,
    waitingForConfirmation: "Waiting for confirmation",
    lastSeen: "Last sign-in",
    neverSignedIn: "Never",
    tenant: "Tenant",
    select: (name: string) => `Select ${name}`,
    selectAll: "Select all members shown",
    inactiveFilter: "Show",
    inactiveAll: "All members",
    inactiveFor: (days: number) => `Not seen for ${days} days`,
    recheck: "Re-check at next sign-in",
    recheckPending: "Re-check at next sign-in",
    recheckSelected: (n: number) => `Re-check selected (${n})`,
    recheckEveryone: "Re-check everyone",
    recheckTitle: (who: string) => `Re-check the account type of ${who}?`,
    recheckEveryoneWho: "every member",
    recheckWho: (n: number, name: string) => (n === 1 ? name : `${n} members`),
    recheckBody:
      "The account type is detected again from Microsoft 365 when each person next signs in. Nothing is read before then, and no new permission is needed.",
    recheckReplaceAdminSet: "Also replace account types set by an admin",
    recheckConfirm: "Re-check at next sign-in",
    recheckRequested: (n: number) => (n === 1 ? "1 member will be re-checked at their next sign-in." : `${n} members will be re-checked at their next sign-in.`),
    removeSelected: (n: number) => `Remove selected (${n})`,
    removeSelectedTitle: (n: number) => (n === 1 ? "Remove 1 member?" : `Remove ${n} members?`),
    removeSelectedBody: "They lose access to the organization. Their accounts stay, and each removal appears in Activity.",
    removedSummary: (removed: number, skipped: number) =>
      `${removed === 1 ? "1 member removed" : `${removed} members removed`}${skipped > 0 ? `; ${skipped} could not be removed (already gone, or the last admin)` : ""}.`,
    confirmAs: (type: string) => `Confirm as ${type.toLowerCase()}`,
    /** How a member's type was set, as an admin reads it. */
    sources: {
      group_rule: "Microsoft 365 group",
      education_api: "Education data",
      license: "Licence",
      user_choice: "Chosen by the member",
      admin: "Set by an admin",
    } as Record<string, string>,
  },

  requests: {
    title: "Management requests",
    search: "Search requests by name or email",
    empty: "No management requests.",
    selectAll: "Select all pending requests",
    select: (name: string) => `Select ${name}`,
    approveSelected: (n: number) => `Approve selected (${n})`,
    rejectSelected: (n: number) => `Reject selected (${n})`,
    approve: "Approve",
    reject: "Reject",
    name: "Name",
    email: "Email",
    detectedType: "Detected type",
    age: "Requested",
    status: "Status",
    studentsFollow: (n: number, kind?: Kind) => `${plural(n, orgWords(kind).follower, orgWords(kind).followers)} will follow`,
    rejectTitle: (name: string) => `Reject ${name}'s request?`,
    rejectBody: "They will see that their request was declined, with your reason if you give one, and can ask again only after a waiting period.",
    rejectManyTitle: (n: number) => `Reject ${plural(n, "request", "requests")}?`,
    reasonLabel: "Reason (optional, shown to the person)",
    reasonTooLong: "Keep the reason under 500 characters.",
    reasonShown: (reason: string) => `Reason: ${reason}`,
    canAskAgain: (date: string) => `Can ask again from ${date}`,
    pendingCount: (n: number) => `${n} pending`,
    decided: (decision: string, by: string) => `${decision === "rejected" ? "Rejected" : "Approved"} by ${by}`,
    alreadyDecided: (decision: string, by: string) => `Already ${decision === "rejected" ? "rejected" : "approved"} by ${by}`,
    pendingStatus: "Pending",
    expired: "Expired",
    daysAgo: (days: number) => (days <= 0 ? "today" : days === 1 ? "1 day ago" : `${days} days ago`),
    unknownType: "Unknown",
  },

  activity: {
    title: "Activity",
    empty: "Nothing has happened yet.",
    filterLabel: "Type of event",
    types: { all: "All events", requests: "Requests to join", members: "Members", microsoft365: "Microsoft 365", settings: "Settings" } as Record<string, string>,
    someone: "Someone",
    /** A row names its subject: "Approved Ana Ruiz's request; 2 students followed". */
    sentence: (action: string, subject: string, details: Record<string, unknown>, kind?: Kind): string | undefined => {
      const words = orgWords(kind);
      const n = typeof details.studentsFollowed === "number" ? details.studentsFollowed : 0;
      switch (action) {
        case "request.created": return `${subject} asked to join`;
        case "request.approved": return `Approved ${subject}'s request${n > 0 ? `; ${plural(n, words.follower, words.followers)} followed` : ""}`;
        case "request.rejected": return `Rejected ${subject}'s request${typeof details.reason === "string" && details.reason ? ` (reason: ${details.reason})` : ""}`;
        case "request.expired": return `${subject}'s request expired`;
        case "member.joined":
          if (details.via === "teacher_subscription") return `${subject} joined with ${typeof details.followed === "string" ? details.followed : `their ${kind === "elearning" ? "creator" : "teacher"}`}`;
          if (details.via === "request") return `${subject} joined after approval`;
          return `${subject} joined automatically`;
        case "member.removed": return `Removed ${subject}`;
        case "member.account_type_changed": return `Changed ${subject}'s account type`;
        case "member.admin_granted": return `Made ${subject} an admin`;
        case "member.admin_revoked": return `Removed ${subject}'s admin rights`;
        case "tenant.link_saved": return `Connected ${subject}`;
        case "tenant.unlinked": return `Disconnected ${subject}`;
        case "tenant.consent_granted": return `Microsoft 365 permissions granted for ${subject}`;
        case "tenant.consent_refused": return `Microsoft 365 permissions not granted for ${subject}`;
        case "tenant.needs_attention": return `${subject} needs attention`;
        default: return undefined;
      }
    },
    fields: { accountType: "Account type", role: "Role", confirmSelfChosenTeachers: "Confirm self-chosen teachers", groupRules: "Group rules", rosterAccess: "Roster data", leaversRejoinAutomatically: "Leavers rejoin at sign-in" } as Record<string, string>,
    /** The same fields where an eLearning organization has its own word. */
    fieldsElearning: { confirmSelfChosenTeachers: "Confirm self-chosen creators", rosterAccess: "Education data" } as Record<string, string>,
    change: (field: string, from: string, to: string) => `${field}: ${from} → ${to}`,
    none: "none",
    on: "On",
    off: "Off",
    time: "Time",
    actor: "Who",
    action: "What",
    channel: "Channel",
    system: "RosterLink",
    /** Audit actions in words; an action not listed here is shown as recorded. */
    actions: {
      "member.account_type_changed": "Changed an account type",
      "member.account_type_recheck_requested": "Asked for an account type re-check",
      "member.account_type_rechecked": "Account type re-checked at sign-in",
      "member.admin_granted": "Made a member an admin",
      "member.admin_revoked": "Removed admin rights",
      "member.joined": "A member joined",
      "member.removed": "Removed a member",
      "request.approved": "Approved a request to join",
      "request.created": "Asked to join",
      "request.expired": "A request to join expired",
      "request.rejected": "Rejected a request to join",
      "tenant.consent_granted": "Microsoft 365 permissions granted",
      "tenant.consent_refused": "Microsoft 365 permissions not granted",
      "tenant.link_saved": "Connected a Microsoft 365 tenant",
      "tenant.needs_attention": "A tenant needs attention",
      "tenant.unlinked": "Disconnected a Microsoft 365 tenant",
      "settings.changed": "Changed the account type settings",
      "provisioning.enabled": "Turned on Entra provisioning",
      "provisioning.secret_rotated": "Made a new provisioning secret",
      "provisioning.disabled": "Turned off Entra provisioning",
    } as Record<string, string>,
    channels: { tab: "Tab", bot: "Bot", consent: "Consent page", system: "Automatic", provisioning: "Entra provisioning" } as Record<string, string>,
  },

  /** Settings → Provisioning (docs/provisioning.md); the organization's own words come from orgWords. */
  provisioning: {
    title: "Provisioning from Microsoft Entra",
    intro: (kind?: Kind) =>
      `Microsoft Entra can keep the members of your ${orgWords(kind).place} in step with your directory. When you turn it on for a tenant, Entra sends RosterLink the users and groups assigned to the RosterLink app in Entra, including people who have never signed in to RosterLink.`,
    stored: "RosterLink stores only what it already keeps for everyone: the tenant and object IDs, the name, the sign-in address, and membership. Account types are still worked out when each person first signs in.",
    leavers: (kind?: Kind) =>
      `When someone is unassigned or disabled in Entra, they lose their membership of the ${orgWords(kind).place}, and Activity shows it. Their RosterLink account and what they made stay theirs.`,
    unavailable: "Provisioning needs the Microsoft 365 integration, which is not part of your plan.",
    noTenants: "Connect a Microsoft 365 tenant above first; each connected tenant has its own provisioning.",
    tenantUrl: "Tenant URL",
    tenantUrlHint: "Enter this as the Tenant URL in Entra: Enterprise applications → RosterLink → Provisioning.",
    copyTenantUrl: "Copy tenant URL",
    copied: "Copied",
    tenantsHeading: "Tenants",
    on: "On",
    off: "Off",
    statusLabel: (tenant: string) => `Provisioning for ${tenant}`,
    secretEnding: (hint: string) => `The secret Entra holds ends in …${hint}.`,
    enabledOn: (date: string) => `Secret made on ${date}.`,
    lastUsed: (date: string) => `Entra last connected on ${date}.`,
    neverUsed: "Entra has not connected with this secret yet.",
    turnOn: "Turn on provisioning",
    turnOnLabel: (tenant: string) => `Turn on provisioning for ${tenant}`,
    rotate: "Make a new secret",
    rotateLabel: (tenant: string) => `Make a new secret for ${tenant}`,
    rotateTitle: (tenant: string) => `Make a new secret for ${tenant}?`,
    rotateBody: "The current secret stops working at once: Entra cannot provision until you enter the new secret in Entra. Members stay as they are.",
    turnOff: "Turn off provisioning",
    turnOffLabel: (tenant: string) => `Turn off provisioning for ${tenant}`,
    turnOffTitle: (tenant: string) => `Turn off provisioning for ${tenant}?`,
    turnOffBody: "The secret stops working at once and Entra can no longer add, change or remove members. Everyone who is a member now stays a member.",
    secretTitle: "Copy the secret now",
    secretBody: "You will not see it again. Enter it as the Secret Token in Entra, next to the tenant URL. If it is lost, make a new secret.",
    secretField: (tenant: string) => `Secret token for ${tenant}`,
    copySecret: "Copy secret",
    secretDone: "I have copied it",
    leaverSwitch: "A leaver who signs in again rejoins automatically",
    leaverHint: (kind?: Kind) =>
      `Off: someone Entra removed stays out of the ${orgWords(kind).place} when they sign in again, until Entra assigns them again or an admin approves a request to join. On: their next sign-in makes them a member again.`,
    leaverSaved: (on: boolean) => (on ? "Leavers who sign in again now rejoin automatically." : "Leavers who sign in again no longer rejoin automatically."),
  },
};
