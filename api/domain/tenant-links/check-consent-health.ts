import { Op } from "sequelize";
import type { AppOnlyProbe } from "../../auth/app-only-probe.js";
import type { CommandContext } from "../command-context.js";
import { markTenantLinkNeedsAttention } from "./mark-needs-attention.js";

export interface CheckConsentHealth {
  /** One organization's links (Settings opened), or every active link (the schedule). */
  organizationId?: string;
  /** A link checked more recently than this is not checked again: once per tenant per interval. */
  maxAgeMs: number;
}

/**
 * Consent health (docs/spec.md §3.8): active links whose last check is older than `maxAgeMs` are checked with
 * an app-only token. Each link is claimed first by a conditional update of its check time, so several
 * instances (or admins opening Settings together) check a tenant once. A lost consent marks the link
 * "needs attention", which tells every org admin through the outbox. Answers how many links changed.
 */
export async function checkConsentHealth(
  deps: CommandContext<"store" | "log" | "now"> & { probe: AppOnlyProbe },
  input: CheckConsentHealth,
): Promise<number> {
  const now = deps.now();
  const { TenantLink } = deps.store.models;
  const staleBefore = new Date(now.getTime() - input.maxAgeMs);
  const due = { status: "active", [Op.or]: [{ healthCheckedAt: { [Op.is]: null } }, { healthCheckedAt: { [Op.lt]: staleBefore } }] };
  const links = await TenantLink.findAll({
    where: { ...due, ...(input.organizationId ? { organizationId: input.organizationId } : {}) },
    attributes: ["id", "tid"],
    raw: true,
  });
  let changed = 0;
  for (const link of links) {
    const [claimed] = await TenantLink.update({ healthCheckedAt: now }, { where: { id: link.id, ...due } });
    if (claimed === 0) continue;
    const health = await deps.probe.check(link.tid);
    if (health.kind === "lost" && (await markTenantLinkNeedsAttention(deps, { tid: link.tid, code: health.code }))) changed++;
    if (health.kind === "unknown") deps.log.warn({ tid: link.tid }, "consent health check could not reach Entra");
  }
  return changed;
}
