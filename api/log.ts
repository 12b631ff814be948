import { pino, type Logger, type DestinationStream } from "pino";

export type { Logger };

// Paths pino censors wherever they appear in a log object. Tokens, secrets and the consent
// state are credentials: a log line must never be enough to act as someone.
const REDACT = [
  "authorization",
  "*.authorization",
  "headers.authorization",
  "req.headers.authorization",
  "req.headers.cookie",
  "*.cookie",
  "token",
  "*.token",
  "accessToken",
  "*.accessToken",
  "access_token",
  "*.access_token",
  "id_token",
  "*.id_token",
  "refresh_token",
  "*.refresh_token",
  "assertion",
  "*.assertion",
  "clientSecret",
  "*.clientSecret",
  "client_secret",
  "*.client_secret",
  "password",
  "*.password",
  "botPassword",
  "*.botPassword",
  "secret",
  "*.secret",
  "state",
  "*.state",
  "code",
  "*.code_verifier",
];

const JWT_LIKE = /eyJ[\w-]{4,}\.[\w-]{4,}\.[\w-]*/g;

/** Masks anything shaped like a JWT inside free text (error messages from libraries often echo them). */
export function scrub(text: string): string {
  return text.replace(JWT_LIKE, "[token]");
}

/** Errors are logged by name, code and scrubbed message: no stack, no request objects with headers. */
function serializeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: scrub(String(error)) };
  const e = error as Error & { code?: unknown; status?: unknown; statusCode?: unknown };
  return {
    name: e.name,
    message: scrub(e.message ?? ""),
    ...(e.code !== undefined ? { code: String(e.code) } : {}),
    ...(e.status !== undefined || e.statusCode !== undefined ? { status: Number(e.status ?? e.statusCode) } : {}),
  };
}

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: "rosterlink" },
      redact: { paths: REDACT, censor: "[redacted]" },
      serializers: { err: serializeError, error: serializeError },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}
