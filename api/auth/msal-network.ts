import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from "@azure/msal-node";
import { createHttpsFetch, type FetchLike } from "../http/https-fetch.js";

/**
 * msal-node's HTTP client, over the app's fetch. msal-node 5+ no longer takes a CA per client, and in
 * sandbox mode msal must trust the sandbox's certificate (only it, never process-wide); handing msal
 * the same fetch as everything else keeps one trust path. In production the fetch trusts Node's roots.
 */
export function msalNetworkClient(fetch: FetchLike): INetworkModule {
  const send = async <T>(method: "GET" | "POST", url: string, options: NetworkRequestOptions = {}, timeoutMs?: number): Promise<NetworkResponse<T>> => {
    const response = await fetch(url, {
      method,
      headers: options.headers,
      body: method === "POST" ? options.body : undefined,
      signal: timeoutMs ? AbortSignal.timeout(timeoutMs) : undefined,
    });
    const text = await response.text();
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      headers[name.toLowerCase()] = value;
    });
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : {};
    } catch {
      body = {};
    }
    return { headers, body: body as T, status: response.status };
  };
  return {
    sendGetRequestAsync: (url, options, timeout) => send("GET", url, options, timeout),
    sendPostRequestAsync: (url, options) => send("POST", url, options),
  };
}

/** msal-node's `system` options: the sandbox's CA when there is one, msal's own client otherwise. */
export function msalSystemOptions(trustedCaPem: string | undefined): { networkClient?: INetworkModule } {
  return trustedCaPem ? { networkClient: msalNetworkClient(createHttpsFetch(trustedCaPem)) } : {};
}
