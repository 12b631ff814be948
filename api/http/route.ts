import type { Request } from "restify";
import type { z } from "zod/v4";
import type { Logger } from "../log.js";
import type { Identity } from "../auth/identity.js";

/** What a handler gets: parsed input, the verified caller (for `auth: "user"`), and request facts. */
export interface RouteContext<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  identity: Identity;
  log: Logger;
  requestId: string;
  clientAddress: string;
  req: Request;
}

/** What a handler returns; the edge turns it into HTTP. */
export interface Reply {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** An HTML document (consent callback pages and the like). */
  html?: string;
}

type Schema = z.ZodType;
type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface RouteSpec<PS extends Schema | undefined = undefined, QS extends Schema | undefined = undefined, BS extends Schema | undefined = undefined> {
  method: "get" | "post" | "put" | "patch" | "del";
  path: string;
  summary: string;
  tags?: string[];
  /** "user": a verified Entra token is required (docs/spec.md §9). "none": public (health, consent callback). */
  auth: "user" | "none";
  params?: PS;
  query?: QS;
  body?: BS;
  /** Response schema for the OpenAPI document (the 2xx body). */
  response?: Schema;
  /** Problem codes this route can answer with, for the OpenAPI document. */
  problems?: number[];
  /** Runs after authentication and before parsing the body (rate limits and the like). */
  before?: (ctx: RouteContext<unknown, unknown, unknown>) => Promise<void> | void;
  handler: (ctx: RouteContext<Out<PS>, Out<QS>, Out<BS>>) => Promise<Reply>;
}

export type AnyRoute = RouteSpec<Schema | undefined, Schema | undefined, Schema | undefined>;

/** Identity function that keeps the handler's parameter types tied to its schemas. */
export function defineRoute<PS extends Schema | undefined = undefined, QS extends Schema | undefined = undefined, BS extends Schema | undefined = undefined>(
  spec: RouteSpec<PS, QS, BS>,
): AnyRoute {
  return spec as unknown as AnyRoute;
}
