import type { Logger } from "../log.js";
import type { FetchLike } from "../http/https-fetch.js";
import { ConsentMissingError, type ConsentMissingCode, type OnBehalfOf } from "../auth/on-behalf-of.js";
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
  | { kind: "consent_missing"; code: ConsentMissingCode };

export interface AccountTypeDetector {
  detect(input: DetectionInput): Promise<DetectionOutcome>;
}

export interface DetectorDeps {
  onBehalfOf: OnBehalfOf;
  fetch: FetchLike;
  graphBaseUrl: string;
  /** The whole detection — exchange and Graph calls, retries included — ends within this (SPEC §5: ~3 s). */
  budgetMs: number;
  log: Logger;
}

/**
 * SPEC §5: signals in order, the first that answers wins. Sign-in never fails because of Graph:
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
          observer: (retry) => deps.log.info({ tid: input.tid, ...retry }, "graph retry"),
        });
      } catch (error) {
        if (error instanceof ConsentMissingError) return { kind: "consent_missing", code: error.code };
        deps.log.warn({ tid: input.tid, err: error }, "on-behalf-of exchange failed; account type unknown");
        return { kind: "unknown", reason: "graph_unavailable" };
      }

      const signals: Array<[string, () => Promise<DetectedAccountType>]> = [
        ["group_rule", () => groupRuleSignal(graph, input.rules)],
        ...(input.rosterAccess ? [["education_api", () => educationSignal(graph)] as [string, () => Promise<DetectedAccountType>]] : []),
        ["license", () => licenseSignal(graph)],
      ];
      let failed = false;
      for (const [name, signal] of signals) {
        if (graph.remainingMs() <= 0) {
          failed = true;
          break;
        }
        try {
          const found = await signal();
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
