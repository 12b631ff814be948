import type { ConsentResult } from "../domain/consent/complete-admin-consent.js";

const escape = (text: string) =>
  text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;").replaceAll("'", "&#39;");

/** The page's styles; system colours follow the browser's light or dark scheme with good contrast. */
export const OUTCOME_PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
const STYLE = `:root{color-scheme:light dark;font-family:system-ui,"Segoe UI",sans-serif;line-height:1.5}
body{margin:0;background:Canvas;color:CanvasText}main{max-width:40rem;margin:0 auto;padding:1.5rem}
li{margin:.25rem 0}code{font-weight:600}`;

interface Words {
  title: string;
  lead: string;
  next: string;
}

/** What happened and what to do, for a tenant admin who may have no RosterLink account (docs/spec.md §3.5). */
function wordsFor(result: ConsentResult): Words {
  const org = result.organizationName ?? "the organization";
  const tenant = result.tenantLabel ?? "your tenant";
  switch (result.outcome) {
    case "granted":
    case "granted_without_roster":
      return {
        title: "Permissions granted",
        lead: `You granted RosterLink these permissions for ${org}, for everyone in ${tenant}:`,
        next:
          result.outcome === "granted"
            ? `Nothing more to do. People of ${tenant} now join ${org} when they sign in, with their account type from the roster. You can close this page.`
            : `Nothing more to do. People of ${tenant} now join ${org} when they sign in; roster data was not granted, so account types come from licences or people's own choice. You can close this page.`,
      };
    case "declined":
      return {
        title: "Permissions not granted",
        lead: `You chose Cancel, so RosterLink was not approved for ${org}. Nothing changed.`,
        next: "If that was a mistake, open the same link again and choose Accept: it keeps working until someone accepts, for 7 days.",
      };
    case "not_admin":
      return {
        title: "An administrator must approve",
        lead: `The account you signed in with cannot approve apps for ${tenant}. Nothing changed.`,
        next: "Open the same link again and sign in as a Global Administrator (or a Privileged Role, Cloud Application or Application Administrator) of the tenant.",
      };
    case "tenant_mismatch":
      return {
        title: "Wrong tenant",
        lead: `You signed in to a different Microsoft 365 tenant than ${tenant}, which ${org} connects. Nothing changed.`,
        next: `Open the same link again and sign in with an administrator account of ${tenant}.`,
      };
    case "invalid_state":
      return result.linkActive
        ? {
            title: "Already approved",
            lead: `RosterLink is already approved for ${org}: this link has been used.`,
            next: "Nothing more to do. You can close this page.",
          }
        : {
            title: "This link has been used",
            lead: "This consent link was used already, so it cannot be used again.",
            next: `Ask an admin of ${org} for a new link: they can make one in RosterLink's settings.`,
          };
    case "expired_state":
      return {
        title: "This link has expired",
        lead: "Consent links for RosterLink work for 7 days. This one is older. Nothing changed.",
        next: `Ask an admin of ${org} for a new link: they can make one in RosterLink's settings.`,
      };
    case "error":
      return {
        title: "Microsoft reported a problem",
        lead: `Microsoft did not finish the approval for ${org}. Nothing changed.`,
        next: "Try the same link again in a few minutes. If it keeps failing, tell an admin of the organization.",
      };
  }
}

/** RosterLink's own last page for the link for IT: every value shown comes from the server's records. */
export function consentOutcomePage(result: ConsentResult): string {
  const words = wordsFor(result);
  const granted = result.granted.length
    ? `<ul>${result.granted.map((p) => `<li><code>${escape(p.scope)}</code> — ${escape(p.why)}</li>`).join("")}</ul>`
    : "";
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>RosterLink — ${escape(words.title)}</title><style>${STYLE}</style></head>` +
    `<body><main><h1>${escape(words.title)}</h1>` +
    `<p role="status" data-outcome="${escape(result.outcome)}">${escape(words.lead)}</p>${granted}` +
    `<h2>What next</h2><p>${escape(words.next)}</p></main></body></html>`
  );
}
