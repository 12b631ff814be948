import restify, { type Server } from "restify";
import { Problem } from "../errors.js";
import type { Logger } from "../log.js";
import { SCIM_CONTENT_TYPE, scimErrorBody } from "../scim/scim-response.js";

/** Request bodies above this are refused before parsing (docs/spec.md §9). Bot activities fit easily. */
export const MAX_BODY_BYTES = 256 * 1024;
// Headers: Node's own 16 KiB limit answers 431 before any of our code runs; the Authorization
// header has its own, lower limit in the token verifier.

const RESTIFY_CODES: Record<number, string> = {
  400: "invalid_request",
  404: "not_found",
  405: "method_not_allowed",
  406: "not_acceptable",
  413: "payload_too_large",
  415: "unsupported_media_type",
  422: "invalid_request",
};

/** One restify server for the API, the bot endpoint and the tab's files. */
export function createServer(log: Logger): Server {
  const server = restify.createServer({
    name: "RosterLink",
    handleUncaughtExceptions: false,
    ignoreTrailingSlash: true,
    maxParamLength: 200,
    formatters: {
      "application/problem+json": (_req, _res, body) => JSON.stringify(body),
      [SCIM_CONTENT_TYPE]: (_req, _res, body) => JSON.stringify(body),
    },
  });

  // Idle keep-alive connections stay open longer than the proxies in front of the app keep theirs (Azure's
  // front ends hold idle connections for minutes, load balancers 60 s and more). With Node's default 5 s the
  // server closes a connection just as a client reuses it, and that request fails with ECONNRESET (bench:burst
  // saw 8 of 5,000 first sign-ins fail this way). headersTimeout must stay above keepAliveTimeout.
  server.server.keepAliveTimeout = 120_000;
  server.server.headersTimeout = 121_000;

  server.pre((req, res, next) => {
    res.header("X-Content-Type-Options", "nosniff");
    res.header("Referrer-Policy", "no-referrer");
    return next();
  });
  server.use(restify.plugins.queryParser({ mapParams: false }));
  server.use(
    restify.plugins.bodyParser({
      maxBodySize: MAX_BODY_BYTES,
      mapParams: false,
      mapFiles: false,
      rejectUnknown: false,
    }),
  );

  // restify's own errors (unknown route, body too large, bad JSON) become problem+json too.
  server.on("restifyError", (req, res, err: Error & { statusCode?: number }, callback: () => void) => {
    const status = err.statusCode ?? 500;
    const code = RESTIFY_CODES[status] ?? (status >= 500 ? "internal_error" : "invalid_request");
    if (status >= 500) log.error({ err }, "unhandled error");
    const detail =
      status === 413
        ? `The request body is larger than ${MAX_BODY_BYTES} bytes.`
        : status === 404
          ? "There is nothing at this address."
          : status >= 500
            ? "Something went wrong on our side. It has been logged."
            : "The request could not be read.";
    if (req.path().startsWith("/scim/")) {
      // SCIM clients (Entra) read SCIM's error shape: unreadable JSON is invalidSyntax (RFC 7644 §3.12).
      const body = scimErrorBody(status, detail, status === 400 ? "invalidSyntax" : undefined);
      Object.assign(err, { toJSON: () => body, body });
      res.header("Content-Type", SCIM_CONTENT_TYPE);
      res.header("Cache-Control", "no-store");
      return callback();
    }
    // restify sends the error itself after this handler; shape what it sends into problem+json.
    const problem = new Problem(status, code, status === 404 ? "Not found" : "Request refused", detail);
    Object.assign(err, { toJSON: () => problem.toJSON(), body: problem.toJSON() });
    res.header("Content-Type", "application/problem+json");
    res.header("Cache-Control", "no-store");
    return callback();
  });

  server.on("after", (req, res, route) => {
    log.debug({ method: req.method, path: route?.path, status: res.statusCode }, "request");
  });

  return server;
}
