/**
 * Typed problems (RFC 9457 application/problem+json). Every error a client can see has a stable
 * `code` it can branch on; the message is for people. Nothing internal (stack, SQL, token) leaves.
 */
export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail?: string,
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(detail ?? title);
    this.name = "Problem";
  }

  toJSON(): Record<string, unknown> {
    return {
      type: `https://rosterlink.example/problems/${this.code}`,
      title: this.title,
      status: this.status,
      code: this.code,
      ...(this.detail ? { detail: this.detail } : {}),
      ...this.extra,
    };
  }
}

export const badRequest = (code: string, detail: string, extra?: Record<string, unknown>) =>
  new Problem(400, code, "Bad request", detail, extra);
export const unauthorized = (code: string, detail: string) =>
  new Problem(401, code, "Unauthorized", detail, {}, { "WWW-Authenticate": `Bearer error="invalid_token"` });
export const forbidden = (code: string, detail: string, extra?: Record<string, unknown>) =>
  new Problem(403, code, "Forbidden", detail, extra);
export const notFound = (code = "not_found", detail = "Nothing here.") => new Problem(404, code, "Not found", detail);
export const conflict = (code: string, detail: string, extra?: Record<string, unknown>) =>
  new Problem(409, code, "Conflict", detail, extra);
export const tooManyRequests = (retryAfterSeconds: number, detail = "Too many requests; try again shortly.") =>
  new Problem(429, "rate_limited", "Too many requests", detail, { retryAfter: retryAfterSeconds }, {
    "Retry-After": String(retryAfterSeconds),
  });
export const unavailable = (code: string, detail: string) => new Problem(503, code, "Service unavailable", detail);

/** Anything that is not a Problem becomes an opaque 500: the cause goes to the log, never to the client. */
export function toProblem(error: unknown): Problem {
  if (error instanceof Problem) return error;
  return new Problem(500, "internal_error", "Internal error", "Something went wrong on our side. It has been logged.");
}
