import { AuthenticationHandler, Client, GraphError, type Context, type Middleware } from "@microsoft/microsoft-graph-client";
import type { FetchLike } from "../http/https-fetch.js";
import { retryWithinBudget, type GraphRetryObserver } from "./retry-within-budget.js";

/** What account-type signals need from Graph: a GET that answers JSON or throws. */
export interface GraphReader {
  get<T>(path: string): Promise<T>;
  /** Milliseconds left of the detection's budget. */
  remainingMs(): number;
}

/** Graph answered with this status (after retries): 404 means "no such data", the rest mean "no answer". */
export class GraphStatusError extends Error {
  constructor(readonly status: number, readonly graphCode: string | undefined) {
    super(`Graph answered ${status}${graphCode ? ` ${graphCode}` : ""}`);
    this.name = "GraphStatusError";
  }
}

export interface GraphReaderOptions {
  baseUrl: string;
  accessToken: string;
  fetch: FetchLike;
  /** Epoch ms after which no request is started and any running one is aborted. */
  deadline: number;
  observer?: GraphRetryObserver;
}

/**
 * The last link of the middleware chain: sends the request with the app's fetch (which trusts the
 * sandbox's certificate in sandbox mode), aborted at the deadline.
 */
class FetchTransport implements Middleware {
  constructor(private readonly fetch: FetchLike, private readonly deadline: number) {}

  async execute(context: Context): Promise<void> {
    const url = typeof context.request === "string" ? context.request : context.request.url;
    const headers: Record<string, string> = {};
    new Headers(context.options?.headers as HeadersInit | undefined).forEach((value, name) => {
      headers[name] = value;
    });
    const remaining = Math.max(1, this.deadline - Date.now());
    context.response = await this.fetch(url, { method: context.options?.method ?? "GET", headers, signal: AbortSignal.timeout(remaining) });
  }
}

/**
 * Microsoft Graph through `@microsoft/microsoft-graph-client`, with our own retry (the built-in
 * retry handler knows no overall budget) and our own transport. The only module that knows the client.
 */
export function createGraphReader(options: GraphReaderOptions): GraphReader {
  const client = Client.initWithMiddleware({
    baseUrl: options.baseUrl,
    // The auth handler only attaches the token to hosts it knows as Graph's; the sandbox is one more.
    customHosts: new Set([new URL(options.baseUrl).hostname]),
    middleware: [
      new AuthenticationHandler({ getAccessToken: async () => options.accessToken }),
      retryWithinBudget(options.deadline, options.observer),
      new FetchTransport(options.fetch, options.deadline),
    ],
  });
  return {
    remainingMs: () => options.deadline - Date.now(),
    async get<T>(path: string): Promise<T> {
      try {
        return (await client.api(path).get()) as T;
      } catch (error) {
        if (error instanceof GraphError) throw new GraphStatusError(error.statusCode, error.code ?? undefined);
        throw error;
      }
    },
  };
}
