import type { ClientConfig } from "../../../contract/client-config.js";
import { ApiError } from "./problem.js";

export type TokenSource = () => Promise<string>;

export interface ApiClient {
  get<T>(path: string, query?: Record<string, string | number | undefined>): Promise<T>;
  send<T>(method: "POST" | "PUT" | "PATCH" | "DELETE", path: string, body?: unknown): Promise<T>;
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

/** The app's own API, same origin, with the signed-in person's token on every call. */
export function createApiClient(token: TokenSource): ApiClient {
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const headers: Record<string, string> = { authorization: `Bearer ${await token()}` };
    if (body !== undefined) headers["content-type"] = "application/json";
    const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    return readAnswer<T>(response);
  };
  return {
    get(path, query) {
      const params = new URLSearchParams();
      for (const [key, value] of Object.entries(query ?? {})) if (value !== undefined && value !== "") params.set(key, String(value));
      const suffix = params.size > 0 ? `?${params}` : "";
      return call("GET", `${path}${suffix}`);
    },
    send: (method, path, body) => call(method, path, body),
  };
}

/** Public settings, read before anyone signs in. */
export async function loadClientConfig(): Promise<ClientConfig> {
  return readAnswer<ClientConfig>(await fetch("/api/client-config"));
}

/** Outside Teams: the API redeems the authorization code (it holds the client secret). */
export async function redeemSignInCode(code: string, codeVerifier: string): Promise<{ accessToken: string; expiresAt: number }> {
  const response = await fetch("/api/auth/token", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ code, codeVerifier }),
  });
  return readAnswer(response);
}
