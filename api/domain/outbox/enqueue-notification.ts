import type { Transaction } from "sequelize";
import type { Models } from "../../store/models.js";

/**
 * What the domain asks the bot to tell people. The domain never calls the bot (api/ never imports
 * bot/): it writes the notification in the same transaction as the change that caused it, and the
 * bot's outbox worker, on any instance, sends it.
 */
export type Notification =
  | { kind: "join_request.created"; payload: { organizationId: string; requestId: string } }
  | { kind: "join_request.decided"; payload: { organizationId: string; requestId: string } }
  /** The person who asked is told the decision (and a rejection's reason and cooldown). */
  | { kind: "join_request.requester_told"; payload: { organizationId: string; requestId: string } }
  /** A tenant link changed to "needs attention": every org admin is told what to do. */
  | { kind: "tenant.needs_attention"; payload: { organizationId: string; tid: string; code: string } };

const NOTIFICATION_KINDS: ReadonlySet<string> = new Set<Notification["kind"]>([
  "join_request.created",
  "join_request.decided",
  "join_request.requester_told",
  "tenant.needs_attention",
]);

/**
 * A stored row read back as the notification it was written as: the one place the worker's union is trusted,
 * so the worker switches on `kind` with typed payloads. Null for a kind this version does not know.
 */
export function notificationOf(row: { kind: string; payload: unknown }): Notification | null {
  return NOTIFICATION_KINDS.has(row.kind) ? ({ kind: row.kind, payload: row.payload } as Notification) : null;
}

export interface EnqueueOptions {
  /** A duplicate key makes the same notification a no-op (a retried command writes it once). */
  dedupeKey?: string;
  availableAt?: Date;
  tid?: string;
  conversationId?: string;
}

const outboxRow = (notification: Notification, options: EnqueueOptions) => ({
  kind: notification.kind,
  payload: notification.payload,
  status: "pending" as const,
  availableAt: options.availableAt ?? new Date(),
  dedupeKey: options.dedupeKey ?? null,
  tid: options.tid ?? null,
  conversationId: options.conversationId ?? null,
});

export async function enqueueNotification(
  models: Models,
  transaction: Transaction,
  notification: Notification,
  options: EnqueueOptions = {},
): Promise<void> {
  await models.Outbox.create(outboxRow(notification, options), { transaction });
}

/** Many notifications in one statement (bulk decisions); a duplicate dedupe key fails the transaction. */
export async function enqueueNotifications(
  models: Models,
  transaction: Transaction,
  notifications: Array<{ notification: Notification; options?: EnqueueOptions }>,
): Promise<void> {
  if (notifications.length === 0) return;
  await models.Outbox.bulkCreate(notifications.map(({ notification, options }) => outboxRow(notification, options ?? {})), { transaction, returning: false, hooks: false, validate: false });
}
