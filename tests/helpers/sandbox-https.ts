import http from "node:http";
import https from "node:https";

/** A response read to the end. */
export interface PlainResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  json<T = unknown>(): T;
}

export interface PlainRequest {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
}

/**
 * One request over node:http/node:https that trusts only the given CA for TLS. Tests use it instead of
 * global fetch, so the sandbox's certificate is trusted explicitly and nothing disables verification.
 */
export function requestTrusting(ca: string, url: string, init: PlainRequest = {}): Promise<PlainResponse> {
  const target = new URL(url);
  const transport = target.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const req = transport.request(
      target,
      { method: init.method ?? "GET", headers: init.headers, ...(target.protocol === "https:" ? { ca } : {}) },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: <T>() => JSON.parse(text) as T });
        });
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(init.body);
  });
}

/** A `fetch`-compatible function over node:https trusting `ca` (for jose's customFetch and the Graph client). */
export function fetchTrusting(ca: string): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    const body = request.body ? await request.text() : undefined;
    const response = await requestTrusting(ca, request.url, {
      method: request.method,
      headers: Object.fromEntries(request.headers.entries()),
      ...(body !== undefined ? { body } : {}),
    });
    const headers = new Headers();
    for (const [name, value] of Object.entries(response.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
    }
    const nullBody = response.status === 204 || response.status === 304;
    return new Response(nullBody ? null : response.text, { status: response.status, headers });
  };
}

/** POSTs JSON to the sandbox and parses the JSON answer. */
export async function postJson(ca: string, url: string, body: unknown): Promise<PlainResponse> {
  return requestTrusting(ca, url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}
