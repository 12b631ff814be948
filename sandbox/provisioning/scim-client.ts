import type { ProvisioningJob } from "./provisioning-jobs.js";

export interface ScimAnswer {
  status: number;
  body: any;
}

/**
 * One SCIM request the way Entra's provisioning service sends it: the tenant URL plus the path, the
 * secret token as a Bearer token, `application/scim+json`. A network failure is reported as status 0.
 */
export async function sendScim(job: ProvisioningJob, method: string, path: string, body?: unknown): Promise<ScimAnswer> {
  if (!job.tenantUrl || !job.secretToken) return { status: 0, body: { detail: "Set the tenant URL and secret token first." } };
  const url = `${job.tenantUrl.replace(/\/$/, "")}${path}`;
  try {
    const response = await fetch(url, {
      method,
      headers: {
        authorization: `Bearer ${job.secretToken}`,
        accept: "application/scim+json",
        ...(body === undefined ? {} : { "content-type": "application/scim+json; charset=utf-8" }),
      },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
      signal: AbortSignal.timeout(15_000),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON: keep the text */
    }
    return { status: response.status, body: parsed };
  } catch (error) {
    return { status: 0, body: { detail: error instanceof Error ? error.message : String(error) } };
  }
}
