import { z } from "zod";
import type { IncomingMessage } from "node:http";
import { readBody, redirect, sendHtml, sendJson } from "../server/http-io.js";
import type { SandboxContext, SandboxRoute } from "../server/router.js";
import type { SandboxServices } from "../services.js";
import { runProvisioningCycle, testConnection } from "./provisioning-cycle.js";
import { ProvisioningJobs, type ProvisioningJob } from "./provisioning-jobs.js";
import { renderProvisioningPage } from "./provisioning-page.js";
import { sendScim } from "./scim-client.js";

const Credentials = z.object({ tenantUrl: z.string().url(), secretToken: z.string().min(1).max(500) });
const PersonaChange = z.object({ left: z.boolean().optional(), displayName: z.string().min(1).max(256).optional() });
const SingleRequest = z.object({
  method: z.enum(["GET", "POST", "PUT", "PATCH", "DELETE"]),
  path: z.string().startsWith("/").max(2000),
  body: z.unknown().optional(),
});

/** Forms from the page post url-encoded and come back to the page; scripts and tests post JSON. */
async function readInput(req: IncomingMessage): Promise<{ form: boolean; value: Record<string, unknown> | undefined }> {
  const text = await readBody(req);
  if (/application\/x-www-form-urlencoded/i.test(req.headers["content-type"] ?? "")) {
    const form = new URLSearchParams(text);
    const value: Record<string, unknown> = Object.fromEntries(form);
    if (form.has("left")) value.left = form.get("left") === "true";
    if (value.displayName === "") delete value.displayName;
    return { form: true, value };
  }
  try {
    const parsed: unknown = text.trim() ? JSON.parse(text) : {};
    return { form: false, value: typeof parsed === "object" && parsed !== null ? (parsed as Record<string, unknown>) : undefined };
  } catch {
    return { form: false, value: undefined };
  }
}

/**
 * The sandbox plays Microsoft Entra's provisioning service (docs/provisioning.md): per tenant, the
 * Admin Credentials (tenant URL and secret token), Test Connection, a provisioning cycle from the
 * fixtures, directory changes (a leaver, a new display name) and single SCIM requests. A page per
 * tenant, linked from the start page, drives the same routes as tests do.
 */
export function provisioningRoutes(services: SandboxServices): { routes: SandboxRoute[]; jobs: ProvisioningJobs } {
  const jobs = new ProvisioningJobs();
  const pageUrl = (tid: string, message?: string) => `/sandbox/provisioning/${tid}${message ? `?message=${encodeURIComponent(message)}` : ""}`;

  const withJob = (work: (ctx: SandboxContext, job: ProvisioningJob) => Promise<void> | void) => async (ctx: SandboxContext) => {
    const tenant = services.directory.tenant(ctx.params.tid ?? "");
    if (!tenant || tenant.personal) return sendJson(ctx.res, 404, { error: "not_found", error_description: "No such organizational tenant." });
    await work(ctx, jobs.job(tenant.tid));
  };
  const answer = (ctx: SandboxContext, form: boolean, job: ProvisioningJob, status: number, body: Record<string, unknown>, message: string) =>
    form ? redirect(ctx.res, pageUrl(job.tid, message)) : sendJson(ctx.res, status, body);
  const stateOf = (job: ProvisioningJob) => ({
    tid: job.tid,
    tenantUrl: job.tenantUrl,
    secretTokenSet: job.secretToken !== null,
    leavers: [...job.leavers],
    displayNames: Object.fromEntries(job.displayNames),
    log: job.log.slice(0, 100),
  });

  const routes: SandboxRoute[] = [
    {
      method: "GET",
      path: "/sandbox/provisioning/:tid",
      handle: withJob(({ res, url }, job) => {
        const tenant = services.directory.tenant(job.tid)!;
        const personas = services.directory.personas.filter((p) => p.tid === job.tid && !p.guest);
        const defaultTenantUrl = services.appBaseUrl ? `${services.appBaseUrl}/scim/v2` : "";
        sendHtml(res, 200, renderProvisioningPage({ tenant, personas, job, defaultTenantUrl, message: url.searchParams.get("message") }));
      }),
    },
    { method: "GET", path: "/sandbox/provisioning/:tid/state", handle: withJob(({ res }, job) => sendJson(res, 200, stateOf(job))) },
    {
      method: "POST",
      path: "/sandbox/provisioning/:tid/credentials",
      handle: withJob(async (ctx, job) => {
        const input = await readInput(ctx.req);
        const parsed = Credentials.safeParse(input.value);
        if (!parsed.success) return answer(ctx, input.form, job, 400, { error: "invalid_request", error_description: "Body must be {tenantUrl, secretToken}." }, "Enter the tenant URL and the secret token.");
        job.tenantUrl = parsed.data.tenantUrl;
        job.secretToken = parsed.data.secretToken;
        answer(ctx, input.form, job, 200, stateOf(job), "Admin credentials saved.");
      }),
    },
    {
      method: "POST",
      path: "/sandbox/provisioning/:tid/test-connection",
      handle: withJob(async (ctx, job) => {
        const input = await readInput(ctx.req);
        const result = await testConnection(jobs, job);
        answer(ctx, input.form, job, 200, result, result.ok ? "Test connection succeeded." : `Test connection failed (HTTP ${result.status}).`);
      }),
    },
    {
      method: "POST",
      path: "/sandbox/provisioning/:tid/cycle",
      handle: withJob(async (ctx, job) => {
        const input = await readInput(ctx.req);
        const summary = await runProvisioningCycle(jobs, job, services.directory.personas);
        const words = Object.entries(summary).map(([k, v]) => `${v} ${k}`).join(", ");
        answer(ctx, input.form, job, 200, { summary }, `Cycle finished: ${words}.`);
      }),
    },
    {
      method: "POST",
      path: "/sandbox/provisioning/:tid/personas/:upn",
      handle: withJob(async (ctx, job) => {
        const input = await readInput(ctx.req);
        const persona = services.directory.byUpn(ctx.params.upn ?? "");
        const parsed = PersonaChange.safeParse(input.value);
        if (!persona || persona.tid !== job.tid || !parsed.success) {
          return answer(ctx, input.form, job, 400, { error: "invalid_request", error_description: "A persona of this tenant and {left?, displayName?}." }, "That change could not be made.");
        }
        if (parsed.data.left === true) job.leavers.add(persona.upn);
        if (parsed.data.left === false) job.leavers.delete(persona.upn);
        if (parsed.data.displayName !== undefined) job.displayNames.set(persona.upn, parsed.data.displayName);
        answer(ctx, input.form, job, 200, stateOf(job), `${persona.upn}: ${job.leavers.has(persona.upn) ? "left (the next cycle disables them)" : "assigned"}.`);
      }),
    },
    {
      method: "POST",
      path: "/sandbox/provisioning/:tid/request",
      handle: withJob(async (ctx, job) => {
        const input = await readInput(ctx.req);
        let value = input.value;
        // The page's form sends the body as JSON text.
        if (input.form && typeof value?.body === "string") {
          const text = value.body.trim();
          value = { ...value, body: text === "" ? undefined : text };
        }
        const parsed = SingleRequest.safeParse(value);
        if (!parsed.success) return answer(ctx, input.form, job, 400, { error: "invalid_request", error_description: "Body must be {method, path, body?}." }, "Enter a method and a path.");
        const sent = await sendScim(job, parsed.data.method, parsed.data.path, parsed.data.body);
        jobs.record(job, { method: parsed.data.method, path: parsed.data.path, status: sent.status, action: "single request", detail: sent.body?.detail });
        answer(ctx, input.form, job, 200, { status: sent.status, body: sent.body }, `${parsed.data.method} ${parsed.data.path}: HTTP ${sent.status}.`);
      }),
    },
  ];
  return { routes, jobs };
}
