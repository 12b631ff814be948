import type { Logger } from "../log.js";
import type { FetchLike } from "../http/https-fetch.js";
import { ConsentMissingError, InteractionRequiredError, type ConsentMissingCode, type OnBehalfOf } from "../auth/on-behalf-of.js";
import type { AccountType, AccountTypeSource } from "../store/types.js";
import { createGraphReader, type GraphReader } from "./graph-client.js";
import { groupRuleSignal, type GroupRule } from "./group-rule-signal.js";
import { educationSignal } from "./education-signal.js";
import { licenseSignal } from "./license-signal.js";
import type { DetectedAccountType } from "./signal.js";

export interface DetectionInput {
  tid: string;
  /** The user's own token for the app, exchanged on-behalf-of the user. Never stored or logged. */
  userToken: string;
  rules: readonly GroupRule[];
  /** The tenant granted EduRoster.ReadBasic: only then is the education API asked. */
  rosterAccess: boolean;
}

export type DetectionOutcome =
  | { kind: "detected"; accountType: AccountType; source: AccountTypeSource }
  | { kind: "unknown"; reason: "no_signal" | "graph_unavailable" }
  | { kind: "consent_missing"; code: ConsentMissingCode }
  /** Entra wants the person to act first (e.g. Conditional Access asks for multi-factor authentication). */
  | { kind: "interaction_required"; code: string; claims: string | null };

interface Signal {
  name: string;
  read: () => Promise<DetectedAccountType>;
}
const signal = (name: string, read: () => Promise<DetectedAccountType>): Signal => ({ name, read });

export interface AccountTypeDetector {
  detect(input: DetectionInput): Promise<DetectionOutcome>;
}

export interface DetectorDeps {
  onBehalfOf: OnBehalfOf;
  fetch: FetchLike;
  graphBaseUrl: string;
  /** The whole detection — exchange and Graph calls, retries included — ends within this (docs/spec.md §5: ~3 s). */
  budgetMs: number;
  log: Logger;
  /** Told how long each signal's Graph calls took (retries included), for the operator's metrics. */
  onSignal?: (signal: string, seconds: number) => void;
  onRetry?: (retry: { status: number; attempt: number; waitMs: number }) => void;
}

/**
 * docs/spec.md §5: signals in order, the first that answers wins. Sign-in never fails because of Graph:
 * any failure, or the end of the budget, leaves the type unknown and the user chooses.
 */
export function createAccountTypeDetector(deps: DetectorDeps): AccountTypeDetector {
  return {
    async detect(input) {
      const started = Date.now();
      const deadline = started + deps.budgetMs;
      let graph: GraphReader;
      try {
        const accessToken = await deps.onBehalfOf.graphToken({ tid: input.tid, userToken: input.userToken, deadline });
        graph = createGraphReader({
          baseUrl: deps.graphBaseUrl,
          accessToken,
          fetch: deps.fetch,
          deadline,
          observer: (retry) => {
            deps.onRetry?.(retry);
            deps.log.info({ tid: input.tid, ...retry }, "graph retry");
          },
        });
      } catch (error) {
        if (error instanceof ConsentMissingError) return { kind: "consent_missing", code: error.code };
        if (error instanceof InteractionRequiredError) {
          deps.log.info({ tid: input.tid, code: error.code }, "on-behalf-of needs the user to sign in again");
          return { kind: "interaction_required", code: error.code, claims: error.claims };
        }
        deps.log.warn({ tid: input.tid, err: error }, "on-behalf-of exchange failed; account type unknown");
        return { kind: "unknown", reason: "graph_unavailable" };
      }

      const signals: Signal[] = [
        ...(input.rules.length > 0 ? [signal("group_rule", () => groupRuleSignal(graph, input.rules))] : []),
        ...(input.rosterAccess ? [signal("education_api", () => educationSignal(graph))] : []),
        signal("license", () => licenseSignal(graph)),
      ];
      let failed = false;
      for (const { name, read } of signals) {
        if (graph.remainingMs() <= 0) {
          failed = true;
          break;
        }
        const signalStarted = Date.now();
        try {
          const found = await read().finally(() => deps.onSignal?.(name, (Date.now() - signalStarted) / 1000));
          if (found) {
            deps.log.info({ tid: input.tid, source: found.source, ms: Date.now() - started }, "account type detected");
            return { kind: "detected", ...found };
          }
        } catch (error) {
          failed = true;
          deps.log.warn({ tid: input.tid, signal: name, err: error }, "account type signal failed");
        }
      }
      deps.log.info({ tid: input.tid, failed, ms: Date.now() - started }, "account type unknown");
      return { kind: "unknown", reason: failed ? "graph_unavailable" : "no_signal" };
    },
  };
}
