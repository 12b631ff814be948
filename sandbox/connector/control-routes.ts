import { z } from "zod";
import { readJson, sendJson } from "../server/http-io.js";
import type { SandboxRoute } from "../server/router.js";
import type { SandboxServices } from "../services.js";
import type { BotEndpoint } from "./bot-endpoint.js";
import { executeActivity, installActivities, messageActivity, submitActivity, type ChannelContext } from "./channel-activities.js";
import type { ConnectorFaults, ConversationLog } from "./conversation-log.js";
import type { ConnectorRateLimits } from "./rate-limits.js";

const Upn = z.object({ upn: z.string().min(1) });
const Message = Upn.extend({ text: z.string().max(4000) });
const Invoke = Upn.extend({ activityId: z.string().min(1), verb: z.string().min(1), data: z.unknown(), trigger: z.enum(["manual", "automatic"]).optional() });
const Submit = Upn.extend({ activityId: z.string().min(1), data: z.unknown() });
const Faults = z.object({ status: z.number().int().min(400).max(599), count: z.number().int().min(0).max(1000), retryAfterSeconds: z.number().min(0).max(3600).optional() });

/**
 * Sandbox-only controls that act as a persona in Teams: install the bot, type a message, press a
 * card's button. The Teams host's chat pane and the tests use exactly these.
 */
export function connectorControlRoutes(services: SandboxServices, log: ConversationLog, faults: ConnectorFaults, endpoint: BotEndpoint, limits: ConnectorRateLimits): SandboxRoute[] {
  type Parsed<T> = { ok: true; data: T; ctx: ChannelContext } | { ok: false };
  const parse = async <T extends { upn: string }>(schema: z.ZodType<T>, req: Parameters<SandboxRoute["handle"]>[0]): Promise<Parsed<T>> => {
    const parsed = schema.safeParse(await readJson(req.req));
    if (!parsed.success) {
      sendJson(req.res, 400, { error: "invalid_request", error_description: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") });
      return { ok: false };
    }
    const persona = services.directory.byUpn(parsed.data.upn);
    if (!persona) {
      sendJson(req.res, 404, { error: "unknown_persona", error_description: `No sandbox persona '${parsed.data.upn}'.` });
      return { ok: false };
    }
    const conversation = log.open(persona, endpoint.botId);
    return { ok: true, data: parsed.data, ctx: { persona, conversation, botId: endpoint.botId, serviceUrl: endpoint.serviceUrl } };
  };
  const hasCard = (ctx: ChannelContext, activityId: string) => ctx.conversation.activities.has(activityId);

  return [
    {
      method: "POST",
      path: "/sandbox/connector/install",
      async handle(route) {
        const parsed = await parse(Upn, route);
        if (!parsed.ok) return;
        for (const activity of installActivities(parsed.ctx)) {
          const answer = await endpoint.deliver(activity);
          if (answer.status >= 300) return sendJson(route.res, 502, { error: "bot_refused", status: answer.status, body: answer.body });
        }
        sendJson(route.res, 200, { conversationId: parsed.ctx.conversation.id });
      },
    },
    {
      method: "POST",
      path: "/sandbox/connector/message",
      async handle(route) {
        const parsed = await parse(Message, route);
        if (!parsed.ok) return;
        const answer = await endpoint.deliver(messageActivity(parsed.ctx, parsed.data.text));
        sendJson(route.res, 200, { status: answer.status });
      },
    },
    {
      method: "POST",
      path: "/sandbox/connector/invoke",
      async handle(route) {
        const parsed = await parse(Invoke, route);
        if (!parsed.ok) return;
        if (!hasCard(parsed.ctx, parsed.data.activityId)) return sendJson(route.res, 404, { error: "unknown_activity", error_description: "The persona received no such card." });
        const answer = await endpoint.deliver(executeActivity(parsed.ctx, parsed.data.activityId, parsed.data.verb, parsed.data.data, parsed.data.trigger));
        sendJson(route.res, 200, answer);
      },
    },
    {
      method: "POST",
      path: "/sandbox/connector/submit",
      async handle(route) {
        const parsed = await parse(Submit, route);
        if (!parsed.ok) return;
        if (!hasCard(parsed.ctx, parsed.data.activityId)) return sendJson(route.res, 404, { error: "unknown_activity", error_description: "The persona received no such card." });
        const answer = await endpoint.deliver(submitActivity(parsed.ctx, parsed.data.activityId, parsed.data.data));
        sendJson(route.res, 200, { status: answer.status });
      },
    },
    {
      method: "GET",
      path: "/sandbox/connector/conversations/:upn",
      handle({ res, params }) {
        const persona = services.directory.byUpn(params.upn!);
        if (!persona) return sendJson(res, 404, { error: "unknown_persona", error_description: `No sandbox persona '${params.upn}'.` });
        const conversation = log.byUpn(persona.upn);
        sendJson(res, 200, { conversationId: conversation?.id ?? null, activities: conversation ? [...conversation.activities.values()] : [] });
      },
    },
    {
      method: "PUT",
      path: "/sandbox/connector/faults",
      async handle({ req, res }) {
        const parsed = Faults.safeParse(await readJson(req));
        if (!parsed.success) return sendJson(res, 400, { error: "invalid_request", error_description: parsed.error.message });
        faults.set(parsed.data.status, parsed.data.count, parsed.data.retryAfterSeconds);
        sendJson(res, 200, parsed.data);
      },
    },
    {
      // What the bot sent per tenant against Teams' limits: accepted, throttled (429), the busiest second.
      method: "GET",
      path: "/sandbox/connector/traffic",
      handle: ({ res }) => sendJson(res, 200, { tenants: limits.traffic() }),
    },
    {
      method: "DELETE",
      path: "/sandbox/connector/traffic",
      handle({ res }) {
        limits.resetTraffic();
        sendJson(res, 200, { tenants: [] });
      },
    },
    {
      // Tests: an activity signed by a key the channel never published must get 401 from the bot.
      method: "POST",
      path: "/sandbox/connector/forged-message",
      async handle(route) {
        const parsed = await parse(Message, route);
        if (!parsed.ok) return;
        const answer = await endpoint.deliver(messageActivity(parsed.ctx, parsed.data.text), { forgeSignature: true });
        sendJson(route.res, 200, { status: answer.status });
      },
    },
  ];
}
