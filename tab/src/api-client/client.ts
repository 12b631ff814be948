import { urlOf, verbOf, type Endpoint, type EndpointInput, type EndpointResponse } from "../../../contract/endpoint.js";
import { clientConfigEndpoints, type ClientConfig, type WebSignInResponse } from "../../../contract/client-config.js";
import { ApiError } from "./problem.js";

export type TokenSource = () => Promise<string>;

/** An endpoint's input, optional when the endpoint takes none (no params, query or body). */
type InputArgs<E> = object extends EndpointInput<E> ? [input?: EndpointInput<E>] : [input: EndpointInput<E>];

/**
 * The tab's only way to the API: every call names an endpoint of `contract/`, so its path, what it sends and
 * what it gets back are the server's own, checked by the compiler. No page builds an `/api/` path.
 */
export interface ApiClient {
  call<E extends Endpoint>(endpoint: E, ...input: InputArgs<E>): Promise<EndpointResponse<E>>;
}

async function readAnswer<T>(response: Response): Promise<T> {
  const text = await response.text();
  const body = text ? (JSON.parse(text) as unknown) : undefined;
  if (response.ok) return body as T;
  const problem = (body && typeof body === "object" ? body : {}) as Record<string, unknown>;
  throw new ApiError(
    response.status,
    typeof problem.code === "string" ? problem.code : "http_error",
    typeof problem.detail === "string" ? problem.detail : typeof problem.title === "string" ? problem.title : `HTTP ${response.status}`,
    problem,
  );
}

async function send<E extends Endpoint>(endpoint: E, input: EndpointInput<E> | undefined, headers: Record<string, string>): Promise<EndpointResponse<E>> {
  const { params, query, body } = (input ?? {}) as { params?: Record<string, unknown>; query?: Record<string, unknown>; body?: unknown };
  if (body !== undefined) headers["content-type"] = "application/json";
  const response = await fetch(urlOf(endpoint, params, query), {
    method: verbOf(endpoint.method),
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return readAnswer<EndpointResponse<E>>(response);
}

/** The app's own API, same origin, with the signed-in person's token on every call. */
export function createApiClient(token: TokenSource): ApiClient {
  return {
    call: async (endpoint, ...[input]) => send(endpoint, input, { authorization: `Bearer ${await token()}` }),
  };
}

/** Public settings, read before anyone signs in. */
export function loadClientConfig(): Promise<ClientConfig> {
  return send(clientConfigEndpoints.get, undefined, {});
}

/** Outside Teams: the API redeems the authorization code (it holds the client secret). */
export function redeemSignInCode(code: string, codeVerifier: string): Promise<WebSignInResponse> {
  return send(clientConfigEndpoints.redeemSignInCode, { body: { code, codeVerifier } }, {});
}
