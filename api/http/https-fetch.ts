import https from "node:https";
import http from "node:http";
import { createSecureContext, rootCertificates } from "node:tls";

export type FetchLike = (url: string | URL, init?: { method?: string; headers?: Record<string, string>; body?: string; signal?: AbortSignal }) => Promise<Response>;

/**
 * A small fetch over node:https that trusts one extra certificate authority. In sandbox mode the
 * sandbox's self-signed certificate is trusted this way — per client, never process-wide, and
 * never by turning verification off.
 */
export function createHttpsFetch(extraCaPem?: string): FetchLike {
  // One secure context for every connection: passing `ca` instead makes Node parse Node's ~140 root
  // certificates again for each new TLS connection and hash them into the agent's pool key on every request
  // (bench:burst's CPU profile: ~12 % of a busy instance's time).
  const agent = new https.Agent({
    keepAlive: true,
    secureContext: extraCaPem ? createSecureContext({ ca: [...rootCertificates, extraCaPem] }) : undefined,
  });
  return (input, init = {}) =>
    new Promise<Response>((resolve, reject) => {
      const url = new URL(String(input));
      const transport = url.protocol === "https:" ? https : http;
      const request = transport.request(
        url,
        {
          method: init.method ?? "GET",
          headers: init.headers,
          agent: url.protocol === "https:" ? agent : undefined,
          signal: init.signal,
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("error", reject);
          response.on("end", () => {
            const headers = new Headers();
            for (const [name, value] of Object.entries(response.headers)) {
              if (value === undefined) continue;
              for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
            }
            const status = response.statusCode ?? 500;
            const body = status === 204 || status === 304 ? null : Buffer.concat(chunks);
            resolve(new Response(body, { status, statusText: response.statusMessage ?? "", headers }));
          });
        },
      );
      request.on("error", reject);
      if (init.body !== undefined) request.write(init.body);
      request.end();
    });
}
