import { AuthenticationHandler, Client, type Context, type Middleware } from "@microsoft/microsoft-graph-client";
import type { RunningSandbox } from "../../sandbox/index.js";
import { fetchTrusting } from "./sandbox-https.js";

/** The last link of the Graph client's middleware chain: sends the request with a fetch that trusts the CA. */
class TrustingHttpHandler implements Middleware {
  constructor(private readonly send: typeof fetch) {}

  async execute(context: Context): Promise<void> {
    context.response = await this.send(context.request, context.options as RequestInit | undefined);
  }
}

/**
 * A Graph client for the sandbox: base URL = the sandbox, `customHosts` so the auth handler attaches the
 * token to a non-Microsoft host, and no retry handler (tests want to see a 429 as it is).
 */
export function sandboxGraphClient(sandbox: RunningSandbox, accessToken: string): Client {
  const authProvider = { getAccessToken: async () => accessToken };
  return Client.initWithMiddleware({
    baseUrl: sandbox.httpsUrl,
    customHosts: new Set([new URL(sandbox.httpsUrl).hostname]),
    middleware: [new AuthenticationHandler(authProvider), new TrustingHttpHandler(fetchTrusting(sandbox.caCertPem))],
  });
}
