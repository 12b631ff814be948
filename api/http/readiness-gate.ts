import type { Server } from "restify";
import { Problem } from "../errors.js";
import { sendProblem } from "./problem-response.js";

export interface ReadinessGate {
  /** Routes, bot and tab are mounted: requests go through from now on. */
  open(): void;
  /** Shutting down: new requests get 503 again, so a load balancer drains this instance. */
  close(): void;
}

/**
 * The server listens before its routes exist (in sandbox mode the sandbox must learn the app's real port first).
 * Until the app can serve, every request answers 503 with Retry-After, never a 404 or a page: a load balancer or
 * App Service health check sees "not ready", then 200.
 */
export function gateUntilReady(server: Server): ReadinessGate {
  let ready = false;
  server.pre((req, res, next) => {
    if (ready) return next();
    sendProblem(
      res,
      new Problem(503, "not_ready", "Service unavailable", "RosterLink is starting or stopping; try again shortly.", {}, { "Retry-After": "1" }),
    );
    return next(false);
  });
  return { open: () => void (ready = true), close: () => void (ready = false) };
}
