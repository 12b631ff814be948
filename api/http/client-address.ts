import type { Request } from "restify";

/**
 * The caller's address for rate limits. X-Forwarded-For is only believed behind a proxy we were
 * told about (TRUST_PROXY): otherwise anyone could pick their own bucket.
 */
export function clientAddressOf(req: Request, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = req.headers["x-forwarded-for"];
    const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(",")[0]?.trim();
    if (first) return first;
  }
  return req.socket?.remoteAddress ?? "unknown";
}
