import { interactionRequiredProblem } from "../auth/interaction-required.js";
import { createOnBehalfOf, InteractionRequiredError } from "../auth/on-behalf-of.js";
import { startSession } from "../domain/session/start-session.js";
import { createAccountTypeDetector } from "../graph/detect-account-type.js";
import { sessionEndpoints } from "../../contract/session.js";
import { defineRoute } from "../http/route.js";
import type { AppContext } from "../context.js";

/** `POST /api/session` (docs/spec.md §4): the tab's first call, with the Teams SSO token as Bearer. */
export const sessionRoutes = (deps: AppContext) => {
  const detector = createAccountTypeDetector({
    onBehalfOf: createOnBehalfOf(deps.microsoft, deps.trustedCaPem),
    fetch: deps.fetch,
    graphBaseUrl: deps.microsoft.graphBaseUrl,
    budgetMs: deps.tuning.graphBudgetMs,
    log: deps.log,
    onSignal: (signal, seconds) => deps.metrics.graphLatency.observe(seconds, { signal }),
    onRetry: (retry) => deps.metrics.graphRetries.inc({ reason: retry.status === 429 ? "throttled" : "server_error" }),
  });
  return [
    defineRoute({
      ...sessionEndpoints.start,
      summary: "Sign in: who I am, my membership and what to do next (joins a linked school's organization on first sign-in)",
      tags: ["session"],
      auth: "user",
      problems: [401, 403, 429, 503],
      async handler({ identity }) {
        try {
          return { body: await startSession(deps, { identity, detector }) };
        } catch (error) {
          if (error instanceof InteractionRequiredError) throw interactionRequiredProblem(deps.microsoft.authorityHost, error);
          throw error;
        }
      },
    }),
  ];
};
