import { timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { readForm, sendJson } from "../server/http-io.js";
import type { SandboxRoute } from "../server/router.js";
import type { SandboxServices } from "../services.js";
import type { AuthorizationCodes } from "./auth-codes.js";
import { redeemAuthorizationCode } from "./grant-authorization-code.js";
import { issueClientCredentialsToken } from "./grant-client-credentials.js";
import { exchangeOnBehalfOf } from "./grant-on-behalf-of.js";
import {
  EntraFailure,
  invalidClientSecret,
  sendEntraError,
  tenantNotFound,
  unknownClient,
  appNotInDirectory,
} from "./entra-errors.js";
import { missingParameter, type GrantRequest } from "./grant-request.js";

const JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";

/** `POST /{tenant}/oauth2/v2.0/token`: authorization_code, on-behalf-of and client_credentials. */
export function tokenRoutes(services: SandboxServices, codes: AuthorizationCodes): SandboxRoute[] {
  return [
    {
      method: "POST",
      path: "/:tenant/oauth2/v2.0/token",
      async handle({ req, res, params }) {
        const form = await readForm(req);
        try {
          const clientId = authenticateClient(services, req, form);
          checkBotAuthority(services, clientId, params.tenant!);
          const selector = services.directory.select(params.tenant!);
          if (!selector) throw new EntraFailure(tenantNotFound(params.tenant!));
          const origin = typeof req.headers.origin === "string" && req.headers.origin ? req.headers.origin : undefined;
          const grant: GrantRequest = { form, selector, services, origin, clientId };
          const grantType = form.get("grant_type");
          const body =
            grantType === "authorization_code"
              ? await redeemAuthorizationCode(grant, codes)
              : grantType === JWT_BEARER
                ? await exchangeOnBehalfOf(grant)
                : grantType === "client_credentials"
                  ? await issueClientCredentialsToken(grant)
                  : unsupportedGrant(grantType);
          await services.latency.wait(grantType === JWT_BEARER ? "onBehalfOf" : "token");
          sendJson(res, 200, body, { pragma: "no-cache" });
        } catch (error) {
          if (!(error instanceof EntraFailure)) throw error;
          sendEntraError(res, req, services.httpsUrl, error.detail);
        }
      },
    },
  ];
}

function unsupportedGrant(grantType: string | null): never {
  throw new EntraFailure({
    status: 400,
    error: "unsupported_grant_type",
    code: 70003,
    message: `The app requested an unsupported grant type '${grantType ?? ""}'.`,
  });
}

/**
 * client_secret_post or client_secret_basic (RFC 6749 §2.3.1: both parts form-url-encoded), for the
 * app's registration or the bot's; each has its own secret (AADSTS7000215 names the app it was for).
 */
function authenticateClient(services: SandboxServices, req: IncomingMessage, form: URLSearchParams): string {
  let clientId = form.get("client_id");
  let secret = form.get("client_secret");
  const authorization = req.headers.authorization;
  if (authorization?.toLowerCase().startsWith("basic ")) {
    const decoded = Buffer.from(authorization.slice(6), "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    clientId = decodeURIComponent(decoded.slice(0, colon).replaceAll("+", " "));
    secret = decodeURIComponent(decoded.slice(colon + 1).replaceAll("+", " "));
  }
  if (!clientId) throw new EntraFailure(missingParameter("client_id"));
  const expected =
    clientId === services.app.clientId ? services.app.clientSecret : clientId === services.bot.appId ? services.bot.secret : undefined;
  if (expected === undefined) throw new EntraFailure(unknownClient(clientId));
  if (!secret) {
    throw new EntraFailure({
      status: 401,
      error: "invalid_client",
      code: 7000218,
      message: "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
    });
  }
  if (!sameSecret(secret, expected)) throw new EntraFailure(invalidClientSecret(clientId));
  return clientId;
}

/** The Bot Framework's own tenant, where multi-tenant bots used to get their connector tokens. */
const BOT_FRAMEWORK_TENANTS = ["botframework.com", "d6d49420-f39b-4df7-a1dc-d59a935871db"];

/**
 * A single-tenant bot exists only in its home tenant: asking the botframework.com authority (what
 * botbuilder does for a MultiTenant app type) or any other tenant for its token fails the way Entra
 * answers, AADSTS700016 naming the directory it looked in.
 */
function checkBotAuthority(services: SandboxServices, clientId: string, tenantSegment: string): void {
  if (BOT_FRAMEWORK_TENANTS.includes(tenantSegment.toLowerCase())) {
    throw new EntraFailure(appNotInDirectory(clientId, "Bot Framework"));
  }
  if (clientId !== services.bot.appId) return;
  const selector = services.directory.select(tenantSegment);
  if (selector?.kind === "tenant" && selector.tenant.tid !== services.bot.tenantId) {
    throw new EntraFailure(appNotInDirectory(clientId, selector.tenant.name));
  }
  if (selector?.kind === "alias") {
    throw new EntraFailure({
      status: 400,
      error: "invalid_request",
      code: 50059,
      message: "No tenant-identifying information found in either the request or implied by any provided credentials.",
    });
  }
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
