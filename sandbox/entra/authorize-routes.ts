import { hiddenInputs, html, page } from "../html/layout.js";
import { readForm, redirect, sendHtml, withQuery } from "../server/http-io.js";
import type { SandboxContext, SandboxRoute } from "../server/router.js";
import type { SandboxServices } from "../services.js";
import type { AuthorizationCodes } from "./auth-codes.js";
import { checkBrowserRequest, personaPicker, redirectWithError, type TrustedBrowserRequest } from "./browser-request.js";
import { MultipleResourcesError, parseScopes, type ParsedScopes } from "./scopes.js";

/** `/{tenant}/oauth2/v2.0/authorize`: authorization code + PKCE (S256) with a persona picker instead of a password. */
export function authorizeRoutes(services: SandboxServices, codes: AuthorizationCodes): SandboxRoute[] {
  const path = "/:tenant/oauth2/v2.0/authorize";
  return [
    { method: "GET", path, handle: (ctx) => handleAuthorize(services, codes, ctx, ctx.url.searchParams) },
    { method: "POST", path, handle: async (ctx) => handleAuthorize(services, codes, ctx, await readForm(ctx.req)) },
  ];
}

function handleAuthorize(
  services: SandboxServices,
  codes: AuthorizationCodes,
  { req, res, params: route }: SandboxContext,
  params: URLSearchParams,
): void {
  const request = checkBrowserRequest(services, res, route.tenant!, params);
  if (!request) return;
  const scopes = checkProtocol(services, request, res, params);
  if (!scopes) return;

  // A GET shows the picker; the picker's form posts back here with the chosen persona.
  if (req.method !== "POST") return showPicker(services, res, request, params);
  if (params.get("action") === "cancel") {
    return redirectWithError(res, request, "access_denied", "AADSTS65004: User declined to consent to access the app.", {
      error_subcode: "cancel",
    });
  }
  const persona = services.directory
    .signInCandidates(request.selector)
    .find((p) => p.upn === params.get("upn")?.toLowerCase());
  if (!persona) return showPicker(services, res, request, params);

  const code = codes.issue({
    clientId: services.app.clientId,
    redirectUri: request.redirectUri,
    codeChallenge: params.get("code_challenge")!,
    scopes,
    persona,
    nonce: params.get("nonce") ?? undefined,
  });
  redirect(res, withQuery(request.redirectUri, { code, state: request.state }));
}

/** The OAuth checks that are reported by redirecting back to the (now trusted) redirect URI. */
function checkProtocol(
  services: SandboxServices,
  request: TrustedBrowserRequest,
  res: SandboxContext["res"],
  params: URLSearchParams,
): ParsedScopes | null {
  if (params.get("response_type") !== "code") {
    redirectWithError(res, request, "unsupported_response_type", "AADSTS700054: The sandbox supports response_type 'code' only.");
    return null;
  }
  if (!params.get("code_challenge") || params.get("code_challenge_method") !== "S256") {
    redirectWithError(
      res,
      request,
      "invalid_request",
      "AADSTS9002325: Proof Key for Code Exchange is required: send code_challenge with code_challenge_method=S256.",
    );
    return null;
  }
  const scope = params.get("scope");
  if (!scope) {
    redirectWithError(res, request, "invalid_request", "AADSTS900144: The request body must contain the following parameter: 'scope'.");
    return null;
  }
  try {
    const parsed = parseScopes(scope, services.app);
    if (parsed.resource.kind === "other") {
      redirectWithError(
        res,
        request,
        "invalid_resource",
        `AADSTS500011: The resource principal named ${parsed.resource.resource} was not found in the tenant.`,
      );
      return null;
    }
    return parsed;
  } catch (error) {
    if (!(error instanceof MultipleResourcesError)) throw error;
    redirectWithError(
      res,
      request,
      "invalid_request",
      "AADSTS28000: Provided value for the input parameter scope is not valid because it contains more than one resource.",
    );
    return null;
  }
}

function showPicker(
  services: SandboxServices,
  res: SandboxContext["res"],
  request: TrustedBrowserRequest,
  params: URLSearchParams,
): void {
  const candidates = services.directory.signInCandidates(request.selector);
  const tenantName = request.selector.kind === "tenant" ? request.selector.tenant.name : "any tenant";
  sendHtml(
    res,
    200,
    page(
      "Pick an account",
      html`<p>Sign in to <strong>RosterLink</strong> as one of the sandbox personas of ${tenantName}.</p>
      <form method="post">
        ${hiddenInputs(params, ["upn", "action"])}
        ${personaPicker("Account", [{ label: "Personas", personas: candidates }], params.get("login_hint"))}
        <button type="submit" name="action" value="signin">Sign in</button>
        <button type="submit" name="action" value="cancel" class="secondary" formnovalidate>Cancel</button>
      </form>`,
    ),
  );
}
