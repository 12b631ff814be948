import type { Migration } from "./migration.js";
import { foundation } from "./0001-foundation.js";
import { cardDeliveries } from "./0300-card-deliveries.js";
import { tenantJoinWaits } from "./0400-tenant-join-waits.js";
import { tenantLinkHealth } from "./0401-tenant-link-health.js";
import { requestDecisions } from "./0450-request-decisions.js";
import { provisioning } from "./0500-provisioning.js";
import { memberLifecycle } from "./0550-member-lifecycle.js";
import { rateLimitWindows } from "./0600-rate-limit-windows.js";
import { tenantSendSlots } from "./0650-tenant-send-slots.js";

/** Every migration, in order. Append new ones; never edit one that has shipped. */
export const MIGRATIONS: Migration[] = [
  foundation,
  cardDeliveries,
  tenantJoinWaits,
  tenantLinkHealth,
  requestDecisions,
  provisioning,
  memberLifecycle,
  rateLimitWindows,
  tenantSendSlots,
];
