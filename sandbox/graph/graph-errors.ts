import { randomUUID } from "node:crypto";
import type { ServerResponse } from "node:http";
import { sendJson } from "../server/http-io.js";

/** Sends Graph's error shape: `{error:{code,message,innerError:{date,request-id,client-request-id}}}`. */
export function sendGraphError(
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): void {
  const requestId = randomUUID();
  sendJson(
    res,
    status,
    {
      error: {
        code,
        message,
        innerError: { date: new Date().toISOString().replace(/\.\d+Z$/, ""), "request-id": requestId, "client-request-id": requestId },
      },
    },
    { "request-id": requestId, ...headers },
  );
}

/** The error Graph gives for an injected fault status. */
export function faultError(status: number): { code: string; message: string } {
  if (status === 429) return { code: "TooManyRequests", message: "Too many requests, please retry after the time given in the Retry-After header." };
  if (status === 503) return { code: "serviceNotAvailable", message: "Service unavailable. Please try again later." };
  if (status === 504) return { code: "GatewayTimeout", message: "The gateway did not receive a timely response." };
  if (status >= 500) return { code: "generalException", message: "An unexpected error occurred." };
  return { code: "BadRequest", message: `Injected fault with status ${status}.` };
}
