import { SANDBOX_APP_GRAPH_PERMISSIONS } from "../fixtures/app-registration.js";
import type { Persona } from "../fixtures/types.js";
import { hiddenInputs, html, page } from "../html/layout.js";
import { readForm, redirect, sendHtml, withQuery } from "../server/http-io.js";
import type { SandboxContext, SandboxRoute } from "../server/router.js";
import type { SandboxServices } from "../services.js";
import { checkBrowserRequest, personaPicker, redirectWithError, type TrustedBrowserRequest } from "./browser-request.js";
import { MultipleResourcesError, parseScopes } from "./scopes.js";

/** What each permission means, in the words a consent page uses. */
const DESCRIPTIONS: Record<string, string> = {
  openid: "Sign users in",
  profile: "View users' basic profile",
  email: "View users' email address",
  offline_access: "Maintain access to data you have given it access to",
  "user.read": "Sign in and read user profile",
  "eduroster.readbasic": "Read a limited subset of users' view of the roster",
};

/** `/{tenant}/v2.0/adminconsent`: a tenant admin grants the app's Graph permissions for the whole tenant. */
export function adminConsentRoutes(services: SandboxServices): SandboxRoute[] {
  const path = "/:tenant/v2.0/adminconsent";
  return [
    { method: "GET", path, handle: (ctx) => handleAdminConsent(services, ctx, ctx.url.searchParams) },
    { method: "POST", path, handle: async (ctx) => handleAdminConsent(services, ctx, await readForm(ctx.req)) },
  ];
}

async function handleAdminConsent(services: SandboxServices, ctx: SandboxContext, params: URLSearchParams): Promise<void> {
  const { req, res } = ctx;
  const request = checkBrowserRequest(services, res, ctx.params.tenant!, params);
  if (!request) return;
  const scope = params.get("scope");
  if (!scope) {
    return redirectWithError(res, request, "invalid_request", "AADSTS900144: The request body must contain the following parameter: 'scope'.");
  }
  let permissions: string[];
  try {
    const parsed = parseScopes(scope, services.app);
    permissions = parsed.permissions.includes(".default") ? [...SANDBOX_APP_GRAPH_PERMISSIONS] : parsed.permissions;
    if (parsed.resource.kind !== "graph" && parsed.resource.kind !== "none") throw new MultipleResourcesError(scope);
  } catch (error) {
    if (!(error instanceof MultipleResourcesError)) throw error;
    return redirectWithError(res, request, "invalid_request", "AADSTS70011: The provided value for the input parameter 'scope' is not valid.");
  }

  const candidates = consentCandidates(services, request);
  const persona = candidates.flatMap((g) => g.personas).find((p) => p.upn === params.get("upn")?.toLowerCase());
  if (req.method === "POST" && params.get("decision") === "decline") {
    // Entra sends admin_consent=True together with the error here; the app must look at `error` first.
    return redirectWithError(res, request, "access_denied", "AADSTS65004: User declined to consent to access the app.", {
      error_subcode: "cancel",
      admin_consent: "True",
    });
  }
  if (req.method !== "POST" || !persona || params.get("decision") !== "accept") {
    return showConsentPage(res, request, params, candidates, permissions);
  }
  if (!persona.tenantAdmin || persona.guest) {
    return redirectWithError(
      res,
      request,
      "access_denied",
      "AADSTS90094: The grant requires admin permission. RosterLink needs permission to access resources in your organization that only an admin can grant. Please ask an admin to grant permission to this app before you can use it.",
    );
  }
  await services.consent.grant(persona.tid, services.app.clientId, permissions, persona.upn);
  // `tenant` is the tenant of whoever signed in, which may differ from the URL's tenant.
  redirect(res, withQuery(request.redirectUri, { admin_consent: "True", tenant: persona.tid, scope, state: request.state }));
}

/** The URL tenant's personas first; organizational personas of other tenants too, so a mismatch can be tried. */
function consentCandidates(services: SandboxServices, request: TrustedBrowserRequest): { label: string; personas: Persona[] }[] {
  const organizational = services.directory.personas.filter((p) => !services.directory.tenant(p.tid)?.personal);
  if (request.selector.kind !== "tenant") return [{ label: "Work or school accounts", personas: organizational }];
  const tid = request.selector.tenant.tid;
  return [
    { label: `Accounts of ${request.selector.tenant.name}`, personas: organizational.filter((p) => p.tid === tid) },
    { label: "Accounts of other tenants (to try the app's tenant check)", personas: organizational.filter((p) => p.tid !== tid) },
  ];
}

function showConsentPage(
  res: SandboxContext["res"],
  request: TrustedBrowserRequest,
  params: URLSearchParams,
  candidates: { label: string; personas: Persona[] }[],
  permissions: string[],
): void {
  const tenantName = request.selector.kind === "tenant" ? request.selector.tenant.name : "your organization";
  const shown = [...new Set([...permissions, ...(params.get("scope") ?? "").split(/\s+/).filter((s) => !s.includes("/"))])];
  sendHtml(
    res,
    200,
    page(
      "Permissions requested",
      html`<p><strong>RosterLink</strong> asks for these permissions for everyone in ${tenantName}:</p>
      <ul>${shown.map((p) => html`<li><code>${p}</code> — ${DESCRIPTIONS[p.toLowerCase()] ?? "Access Microsoft Graph"}</li>`)}</ul>
      <p>Only a tenant admin can accept on behalf of the organization.</p>
      <form method="post">
        ${hiddenInputs(params, ["upn", "decision"])}
        ${personaPicker("Sign in as", candidates, params.get("login_hint"))}
        <button type="submit" name="decision" value="accept">Accept</button>
        <button type="submit" name="decision" value="decline" class="secondary">Cancel</button>
      </form>`,
    ),
  );
}
