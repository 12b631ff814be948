import type { Request } from "restify";
import type { z } from "zod/v4";
import type { Logger } from "../log.js";
import type { Identity } from "../auth/identity.js";

/**
 * Who may call a route, declared once on the route and enforced by the edge (docs/spec.md §9):
 * - "none": public (health, the consent callback);
 * - "user": a verified Entra token;
 * - "orgAdmin": a verified token whose person is an admin of the organization in the path's `:orgId`.
 *   Another organization's id answers 404 and a member who is not an admin 403, before the handler runs,
 *   so no handler can forget the check.
 */
export type AuthLevel = "none" | "user" | "orgAdmin";

/** The organization admin an "orgAdmin" route acts as: what audit rows and "decided by" need. */
export interface RouteActor {
  userId: string;
  name: string;
}

/** What a handler gets: parsed input, the verified caller, the admin it acts as (for "orgAdmin"), request facts. */
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

type ActorContext<A extends AuthLevel> = A extends "orgAdmin" ? { actor: RouteActor } : unknown;

/** What a handler returns; the edge turns it into HTTP. `body` is typed by the route's response schema. */
export interface Reply<T = unknown> {
  status?: number;
  body?: T;
  headers?: Record<string, string>;
  /** An HTML document (consent callback pages and the like). */
  html?: string;
  /** A plain-text document of the given content type (the Prometheus metrics). */
  text?: { contentType: string; content: string };
}

type Schema = z.ZodType;
type Out<S> = S extends z.ZodType ? z.output<S> : undefined;
/** With a response schema, the body must match it; without one, the route answers no JSON body. */
type ReplyOf<RS> = RS extends z.ZodType ? Reply<z.input<RS>> : Reply<never>;

export interface RouteSpec<
  PS extends Schema | undefined = undefined,
  QS extends Schema | undefined = undefined,
  BS extends Schema | undefined = undefined,
  RS extends Schema | undefined = undefined,
  A extends AuthLevel = AuthLevel,
> {
  method: "get" | "post" | "put" | "patch" | "del";
  path: string;
  summary: string;
  tags?: string[];
  auth: A;
  params?: PS;
  query?: QS;
  body?: BS;
  /** Response schema: the OpenAPI document's 2xx body, and the type the handler must return. */
  response?: RS;
  /** Problem codes this route can answer with, for the OpenAPI document. */
  problems?: number[];
  /** Runs after authentication and before authorization and parsing (rate limits and the like). */
  before?: (ctx: RouteContext<unknown, unknown, unknown>) => Promise<void> | void;
  handler: (ctx: RouteContext<Out<PS>, Out<QS>, Out<BS>> & ActorContext<A>) => Promise<ReplyOf<RS>>;
}

export type AnyRoute = Omit<RouteSpec<Schema | undefined, Schema | undefined, Schema | undefined, Schema | undefined>, "handler"> & {
  handler: (ctx: RouteContext<unknown, unknown, unknown> & { actor?: RouteActor }) => Promise<Reply>;
};

/** An "orgAdmin" route must have `:orgId` in its path; the type says so, the edge relies on it. */
type OrgAdminPath<A extends AuthLevel, PS> = A extends "orgAdmin" ? (Out<PS> extends { orgId: string } ? unknown : { params: never }) : unknown;

/** Identity function that ties the handler's parameter and return types to the route's schemas and auth level. */
export function defineRoute<
  PS extends Schema | undefined = undefined,
  QS extends Schema | undefined = undefined,
  BS extends Schema | undefined = undefined,
  RS extends Schema | undefined = undefined,
  const A extends AuthLevel = AuthLevel,
>(spec: RouteSpec<PS, QS, BS, RS, A> & OrgAdminPath<A, PS>): AnyRoute {
  return spec as unknown as AnyRoute;
}
