import { z } from "zod";
import { readJson, sendJson } from "../server/http-io.js";
import type { SandboxRoute } from "../server/router.js";
import type { SandboxServices } from "../services.js";
import type { TokenRevocations } from "./token-revocations.js";

const Registration = z.object({
  msaAppId: z.string().min(1),
  msaAppType: z.string().min(1),
  msaAppTenantId: z.string().optional(),
  msaAppPassword: z.string().optional(),
});

/** Azure Resource Manager's error body, as `arm/deploy` and the portal show it. */
const armError = (code: string, message: string) => ({ error: { code, message } });

/**
 * Sandbox-only stand-ins for the bot's side of Azure:
 * - `PUT /sandbox/bot-registration` registers the bot as an Azure Bot resource would (msaAppId,
 *   msaAppType, msaAppTenantId). Azure Bot Service refuses new multi-tenant bots since 31 July 2025,
 *   with this error, so the sandbox does too.
 * - `POST /sandbox/connector/stale-tokens` makes every bot token the connector accepted so far stale,
 *   so the next call with one gets the connector's 401.
 */
export function botRegistrationRoutes(services: SandboxServices, revocations: TokenRevocations): SandboxRoute[] {
  return [
    {
      method: "GET",
      path: "/sandbox/bot-registration",
      handle: ({ res }) => sendJson(res, 200, { msaAppId: services.bot.appId, msaAppType: services.bot.type, msaAppTenantId: services.bot.tenantId }),
    },
    {
      method: "PUT",
      path: "/sandbox/bot-registration",
      async handle({ req, res }) {
        const parsed = Registration.safeParse(await readJson(req));
        if (!parsed.success) return sendJson(res, 400, armError("InvalidBotData", parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")));
        const { msaAppId, msaAppType, msaAppTenantId, msaAppPassword } = parsed.data;
        if (msaAppType.toLowerCase() === "multitenant") {
          return sendJson(res, 400, armError("InvalidBotCreationData", "Multitenant bot creation is deprecated. Please use SingleTenant or UserAssignedMSI"));
        }
        if (msaAppType !== "SingleTenant" && msaAppType !== "UserAssignedMSI") {
          return sendJson(res, 400, armError("InvalidBotData", `Unknown msaAppType '${msaAppType}'. Use SingleTenant or UserAssignedMSI.`));
        }
        const tenant = msaAppTenantId ? services.directory.tenant(msaAppTenantId) : undefined;
        if (!tenant || tenant.personal) {
          return sendJson(res, 400, armError("InvalidBotData", `msaAppTenantId must be the tenant of the bot's app registration (got '${msaAppTenantId ?? ""}').`));
        }
        services.bot = { appId: msaAppId, secret: msaAppPassword ?? services.bot.secret, type: msaAppType, tenantId: tenant.tid };
        sendJson(res, 200, { msaAppId, msaAppType, msaAppTenantId: tenant.tid });
      },
    },
    {
      method: "POST",
      path: "/sandbox/connector/stale-tokens",
      handle: ({ res }) => sendJson(res, 200, { staleTokens: revocations.revokeAll() }),
    },
  ];
}
