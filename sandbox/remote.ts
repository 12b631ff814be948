import type { SandboxConnection } from "./control/attach-routes.js";
import type { RunningSandbox } from "./index.js";

/**
 * An already-running sandbox (`npm run sandbox`) as an app instance uses it: its certificate to trust,
 * its connector settings, and its tenants and personas to seed from. Attaching registers the instance's
 * redirect URIs; the first instance to attach also becomes the bot's endpoint. Closing it leaves the
 * sandbox running for the other instances.
 */
export async function connectToSandbox(httpsUrl: string, appBaseUrl: string): Promise<RunningSandbox> {
  // Same port, plain HTTP: the certificate is what we are about to learn, so it cannot be checked yet.
  // This is sandbox mode only, on loopback by default.
  const httpUrl = httpsUrl.replace(/^https:/, "http:");
  const call = async (path: string, init?: RequestInit): Promise<Response> => {
    const response = await fetch(`${httpUrl}${path}`, { ...init, signal: AbortSignal.timeout(10_000) });
    if (!response.ok) throw new Error(`the sandbox at ${httpUrl} answered ${response.status} to ${path}`);
    return response;
  };
  const caCertPem = await (await call("/sandbox/certificate")).text();
  const connection = (await (await call("/sandbox/connection")).json()) as SandboxConnection;
  await call("/sandbox/attach", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ baseUrl: appBaseUrl }) });
  return {
    httpsUrl: connection.httpsUrl,
    httpUrl: connection.httpUrl,
    caCertPem,
    personas: connection.personas,
    tenants: connection.tenants,
    connector: { ...connection.connector, setBotEndpoint: () => undefined },
    close: async () => undefined,
    extend: () => {
      throw new Error("A shared sandbox cannot be extended from an app instance.");
    },
  };
}
