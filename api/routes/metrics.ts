import { Op } from "sequelize";
import { defineRoute } from "../http/route.js";
import type { ApiDeps } from "./deps.js";

/** Outbox depth and age are read from the shared database, so every instance reports the same truth. */
export function registerOutboxGauges(deps: ApiDeps): void {
  const { Outbox } = deps.store.models;
  deps.metrics.addGauge({
    name: "rosterlink_outbox_depth",
    help: "Notifications waiting to be sent.",
    read: () => Outbox.count({ where: { status: "pending" } }),
  });
  deps.metrics.addGauge({
    name: "rosterlink_outbox_oldest_age_seconds",
    help: "Age of the oldest notification still waiting (0 when none).",
    read: async () => {
      const oldest = await Outbox.findOne({
        where: { status: "pending", availableAt: { [Op.lte]: deps.now() } },
        order: [["createdAt", "ASC"]],
        attributes: ["createdAt"],
        raw: true,
      });
      return oldest ? Math.max(0, (deps.now().getTime() - new Date(oldest.createdAt).getTime()) / 1000) : 0;
    },
  });
}

export const metricsRoutes = (deps: ApiDeps) => {
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
        return { status: 200, html: text, headers: { "Content-Type": "text/plain; version=0.0.4; charset=utf-8" } };
      },
    }),
  ];
};
