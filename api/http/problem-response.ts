import type { Response } from "restify";
import type { Problem } from "../errors.js";

/** Writes a problem+json answer directly, bypassing restify's formatters (which would re-encode it). */
export function sendProblem(res: Response, problem: Problem): void {
  if (res.headersSent) return;
  const body = JSON.stringify(problem.toJSON());
  res.writeHead(problem.status, {
    ...problem.headers,
    "Content-Type": "application/problem+json",
    "Content-Length": Buffer.byteLength(body),
    "Cache-Control": "no-store",
  });
  res.end(body);
}
