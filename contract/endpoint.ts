import type { z } from "zod/v4";

/**
 * One endpoint of the API, described once and used by both sides: the server's `defineRoute` takes its
 * method, path and schemas, and the tab's client takes its path and types. A path or a shape that changes
 * here changes for both, and the compiler shows every caller.
 */
export type HttpMethod = "get" | "post" | "put" | "patch" | "del";
type Schema = z.ZodType;

export interface Endpoint<
  PS extends Schema | undefined = Schema | undefined,
  QS extends Schema | undefined = Schema | undefined,
  BS extends Schema | undefined = Schema | undefined,
  RS extends Schema | undefined = Schema | undefined,
> {
  method: HttpMethod;
  /** restify style: `/api/orgs/:orgId/members`; every `:name` is a key of `params`. */
  path: string;
  params?: PS;
  query?: QS;
  body?: BS;
  response?: RS;
}

export const endpoint = <
  PS extends Schema | undefined = undefined,
  QS extends Schema | undefined = undefined,
  BS extends Schema | undefined = undefined,
  RS extends Schema | undefined = undefined,
>(spec: Endpoint<PS, QS, BS, RS>): Endpoint<PS, QS, BS, RS> => spec;

type InputOf<S> = S extends Schema ? z.input<S> : never;

/** What a caller sends: `params`, `query` and `body` exactly where the endpoint has them. */
export type EndpointInput<E> =
  E extends Endpoint<infer PS, infer QS, infer BS, Schema | undefined>
    ? (PS extends Schema ? { params: InputOf<PS> } : { params?: never }) &
        (QS extends Schema ? { query?: InputOf<QS> } : { query?: never }) &
        (BS extends Schema ? { body: InputOf<BS> } : { body?: never })
    : never;

/** What a caller gets back on success. */
export type EndpointResponse<E> = E extends Endpoint<Schema | undefined, Schema | undefined, Schema | undefined, infer RS> ? (RS extends Schema ? z.output<RS> : void) : never;

/** The concrete URL of a call: path parameters encoded, empty query values left out. */
export function urlOf(spec: Pick<Endpoint, "path">, params?: Record<string, unknown>, query?: Record<string, unknown>): string {
  const path = spec.path.replace(/:(\w+)/g, (_, name: string) => {
    const value = params?.[name];
    if (value === undefined || value === null || value === "") throw new Error(`Missing path parameter ${name} for ${spec.path}`);
    return encodeURIComponent(String(value));
  });
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) if (value !== undefined && value !== null && value !== "") search.set(key, String(value));
  return search.size > 0 ? `${path}?${search}` : path;
}

/** The HTTP verb on the wire (restify names DELETE `del`). */
export const verbOf = (method: HttpMethod) => (method === "del" ? "DELETE" : method.toUpperCase());
