import type { Response } from "restify";
import type { Problem } from "../errors.js";

export const SCIM_CONTENT_TYPE = "application/scim+json";
export const SCIM_ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error";

/** Writes a SCIM answer directly (no restify formatter): SCIM's own media type, never cached. */
export function sendScim(res: Response, status: number, body?: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent) return;
  if (body === undefined) {
    res.writeHead(status, { ...headers, "Cache-Control": "no-store" });
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    "Content-Type": `${SCIM_CONTENT_TYPE}; charset=utf-8`,
    "Content-Length": Buffer.byteLength(text),
    "Cache-Control": "no-store",
  });
  res.end(text);
}

/** RFC 7644 §3.12: the status is a string, `scimType` only where the RFC defines one. */
export function scimErrorBody(status: number, detail: string, scimType?: string): Record<string, unknown> {
  return { schemas: [SCIM_ERROR_SCHEMA], status: String(status), ...(scimType ? { scimType } : {}), detail };
}

export function scimErrorFromProblem(problem: Problem): Record<string, unknown> {
  const scimType = typeof problem.extra.scimType === "string" ? problem.extra.scimType : undefined;
  const detail = problem.status >= 500 ? "Something went wrong on our side. It has been logged." : (problem.detail ?? problem.title);
  return scimErrorBody(problem.status, detail, scimType);
}
