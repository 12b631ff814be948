import { countPendingNotifications, oldestDueNotificationAge } from "../domain/outbox/outbox-backlog.js";
import { defineRoute } from "../http/route.js";
import type { AppContext } from "../context.js";

/** Outbox depth and age are read from the shared database, so every instance reports the same truth. */
export function registerOutboxGauges(deps: AppContext): void {
  deps.metrics.addGauge({
    name: "rosterlink_outbox_depth",
    help: "Notifications waiting to be sent.",
    read: () => countPendingNotifications(deps),
  });
  deps.metrics.addGauge({
    name: "rosterlink_outbox_oldest_age_seconds",
    help: "Age of the oldest notification still waiting (0 when none).",
    read: () => oldestDueNotificationAge(deps),
  });
}

export const metricsRoutes = (deps: AppContext) => {
  registerOutboxGauges(deps);
  return [
    defineRoute({
      method: "get",
      path: "/api/metrics",
      summary: "Prometheus metrics: sign-ins by outcome, Graph latency and retries, outbox depth and age",
      tags: ["operations"],
      auth: "none",
      async handler() {
        const text = await deps.metrics.render();
        return { status: 200, text: { contentType: "text/plain; version=0.0.4; charset=utf-8", content: text } };
      },
    }),
  ];
};
