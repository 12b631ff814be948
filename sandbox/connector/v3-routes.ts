import type { IncomingMessage, ServerResponse } from "node:http";
import { decodeProtectedHeader, jwtVerify } from "jose";
import { readJson, sendJson } from "../server/http-io.js";
import type { SandboxContext, SandboxRoute } from "../server/router.js";
import { issuerOf, type SandboxServices } from "../services.js";
import type { TokenRevocations } from "./token-revocations.js";
import { CHANNEL_TOKEN_ISSUER } from "./channel-key.js";
import type { ConnectorFaults, ConversationLog } from "./conversation-log.js";
import type { ConnectorRateLimits } from "./rate-limits.js";

/** The scope bots ask Entra for when they call the connector. */
export const CONNECTOR_AUDIENCE = CHANNEL_TOKEN_ISSUER;

/**
 * The v3 conversations API the bot calls (create, send, reply, update). Every call must carry an
 * app-only Entra token for the bot's app id with audience https://api.botframework.com, signed by
 * the sandbox's Entra keys — what the real connector checks.
 */
export function v3Routes(services: SandboxServices, log: ConversationLog, faults: ConnectorFaults, revocations: TokenRevocations, limits: ConnectorRateLimits): SandboxRoute[] {
  const guarded = (handle: (ctx: SandboxContext) => Promise<void>): SandboxRoute["handle"] => async (ctx) => {
    const refusal = await authenticateBot(services, ctx.req, revocations);
    // The connector's own 401 body; the reason is the sandbox's addition, for whoever reads the log.
    if (refusal) return sendJson(ctx.res, 401, { message: "Authorization has been denied for this request.", reason: refusal });
    const fault = faults.take();
    if (fault) {
      const headers: Record<string, string> = fault.retryAfterSeconds !== undefined ? { "retry-after": String(fault.retryAfterSeconds) } : {};
      return sendJson(ctx.res, fault.status, { error: { code: fault.status === 429 ? "TooManyRequests" : "ServiceError", message: "Sandbox fault" } }, headers);
    }
    await handle(ctx);
  };
  const conversationOr404 = (res: ServerResponse, id: string) => {
    const conversation = log.get(id);
    if (!conversation) sendJson(res, 404, { error: { code: "ConversationNotFound", message: "Conversation not found." } });
    return conversation;
  };
  /** Teams' per-thread and per-tenant limits (rate-limits.ts); false when the call was refused with 429. */
  const admitted = (res: ServerResponse, conversation: { id: string; tid: string }) => {
    const verdict = limits.admit(conversation.tid, conversation.id);
    if (verdict.ok) return true;
    // The shape Teams documents for a throttled bot call: 429, code Throttled, and when to retry.
    sendJson(res, 429, { error: { code: "Throttled", message: "Too many requests." } }, { "retry-after": String(verdict.retryAfterSeconds) });
    return false;
  };
  const send: SandboxRoute["handle"] = guarded(async ({ req, res, params }) => {
    const conversation = conversationOr404(res, params.conversationId!);
    if (!conversation || !admitted(res, conversation)) return;
    const activity = ((await readJson(req)) ?? {}) as Record<string, unknown>;
    if (params.activityId) activity.replyToId ??= params.activityId;
    const logged = log.record(conversation, activity);
    sendJson(res, 201, { id: logged.id });
  });

  return [
    {
      method: "POST",
      path: "/connector/v3/conversations",
      handle: guarded(async ({ req, res }) => {
        const body = ((await readJson(req)) ?? {}) as { members?: Array<{ id?: string; aadObjectId?: string }>; tenantId?: string; channelData?: { tenant?: { id?: string } } };
        const tid = body.tenantId ?? body.channelData?.tenant?.id;
        const member = body.members?.[0];
        const oid = member?.aadObjectId ?? member?.id?.replace(/^29:/, "");
        const persona = tid && oid ? services.directory.byObjectId(tid, oid) : undefined;
        if (!persona) return sendJson(res, 400, { error: { code: "BadArgument", message: "Unknown member or tenant." } });
        const conversation = log.open(persona, services.bot.appId);
        if (!admitted(res, conversation)) return;
        sendJson(res, 201, { id: conversation.id });
      }),
    },
    { method: "POST", path: "/connector/v3/conversations/:conversationId/activities", handle: send },
    { method: "POST", path: "/connector/v3/conversations/:conversationId/activities/:activityId", handle: send },
    {
      method: "PUT",
      path: "/connector/v3/conversations/:conversationId/activities/:activityId",
      handle: guarded(async ({ req, res, params }) => {
        const conversation = conversationOr404(res, params.conversationId!);
        if (!conversation || !admitted(res, conversation)) return;
        if (!conversation.activities.has(params.activityId!)) {
          return sendJson(res, 404, { error: { code: "ActivityNotFound", message: "Activity not found." } });
        }
        const activity = ((await readJson(req)) ?? {}) as Record<string, unknown>;
        const logged = log.record(conversation, activity, params.activityId!);
        sendJson(res, 200, { id: logged.id });
      }),
    },
  ];
}

async function authenticateBot(services: SandboxServices, req: IncomingMessage, revocations: TokenRevocations): Promise<string | undefined> {
  const header = req.headers.authorization ?? "";
  if (!header.toLowerCase().startsWith("bearer ")) return "Authorization header is missing.";
  const token = header.slice(7).trim();
  try {
    const { kid } = decodeProtectedHeader(token);
    const found = kid ? services.keys.find(kid) : undefined;
    if (!found) return "The token's signing key is unknown.";
    const { payload } = await jwtVerify(token, found.key.publicKey, { algorithms: ["RS256"], audience: CONNECTOR_AUDIENCE, clockTolerance: 300 });
    // A single-tenant bot's token comes from its home tenant, for its own app id.
    if (payload.iss !== issuerOf(services.httpsUrl, services.bot.tenantId)) return "The token was not issued by the bot's tenant.";
    if (payload.azp !== services.bot.appId) return "The token was not issued to the bot's app id.";
    if (revocations.revoked(String(payload.uti ?? ""))) return "The token is no longer valid.";
    revocations.seen(String(payload.uti ?? ""));
    return undefined;
  } catch (error) {
    return `The token is not valid: ${error instanceof Error ? error.message : String(error)}`;
  }
}
