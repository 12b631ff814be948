import { Op, type Transaction } from "sequelize";
import type { Identity } from "../../auth/identity.js";
import { conflict } from "../../errors.js";
import type { Store } from "../../store/store.js";
import { isUniqueViolation } from "../../store/store.js";
import type { AccountType } from "../../store/types.js";
import { recordAudit } from "../audit-log/record-audit.js";
import { askedTooSoon, recentRejection } from "./recent-rejection.js";
import { enqueueNotification } from "../outbox/enqueue-notification.js";
import { forOrganizationKind } from "../session/account-types.js";
import { requireAccount } from "../session/load-account.js";
import { activeTenantOrganization, isSubscriptionStudent } from "../session/tenant-organization.js";
import type { AccountOrganization } from "../session/load-account.js";
import type { CommandContext } from "../command-context.js";

/** docs/spec.md §6: pending requests expire after 30 days. */
export const JOIN_REQUEST_TTL_MS = 30 * 24 * 60 * 60 * 1000;

export interface CreateJoinRequest {
  identity: Identity;
}

export interface CreatedJoinRequest {
  /** False when the caller already had a pending request (answered 200 instead of 201). */
  created: boolean;
  joinRequest: {
    id: string;
    organization: AccountOrganization;
    status: "pending";
    detectedAccountType: AccountType | null;
    createdAt: Date;
    expiresAt: Date;
  };
}

/**
 * Accepting the join offer (docs/spec.md §4, §6): a pending management request for the caller's tenant's
 * organization, its audit row and the admins' notification in one transaction. One pending request
 * per (organization, user) is the partial unique index's job; a duplicate returns the existing one.
 */
export async function createJoinRequest(deps: CommandContext<"store" | "now">, input: CreateJoinRequest): Promise<CreatedJoinRequest> {
  const account = await requireAccount(deps.store, input.identity);
  if (account.membership) throw conflict("already_member", "You are already a member of an organization.");
  const tenant = await activeTenantOrganization(deps.store, input.identity);
  if (!tenant) throw conflict("no_join_offer", "There is no organization for you to join from this account.");
  if (await isSubscriptionStudent(deps.store, account.user.id)) {
    throw conflict("follows_teacher", "Your teacher's subscription decides your organization; your teacher can ask to join.");
  }
  const organization = tenant.organization;
  const detectedAccountType = account.user.accountType ? forOrganizationKind(account.user.accountType, organization.kind) : null;
  const where = { organizationId: organization.id, userId: account.user.id };

  const readPending = async (transaction?: Transaction) => {
    const row = await deps.store.models.JoinRequest.findOne({ where: { ...where, status: "pending" }, raw: true, transaction });
    return row && { id: row.id, organization, status: "pending" as const, detectedAccountType: row.detectedAccountType, createdAt: new Date(row.createdAt), expiresAt: new Date(row.expiresAt) };
  };

  try {
    return await deps.store.transaction(async (transaction) => {
      const now = deps.now();
      await expireStalePending(deps.store, where, now, transaction);
      const existing = await readPending(transaction);
      if (existing) return { created: false, joinRequest: existing };
      // A rejected person asks again only after the cooldown; asking sooner changes nothing.
      const rejection = await recentRejection(deps.store, where, now, transaction);
      if (rejection) throw askedTooSoon(rejection, now);
      const { JoinRequest } = deps.store.models;
      const request = await JoinRequest.create(
        { ...where, status: "pending", detectedAccountType, expiresAt: new Date(now.getTime() + JOIN_REQUEST_TTL_MS) },
        { transaction },
      );
      await recordAudit(
        deps.store.models,
        {
          organizationId: organization.id,
          actor: { userId: account.user.id, name: account.user.displayName },
          action: "request.created",
          channel: "tab",
          target: { type: "join_request", id: request.id },
          details: { detectedAccountType },
        },
        transaction,
      );
      await enqueueNotification(
        deps.store.models,
        transaction,
        { kind: "join_request.created", payload: { organizationId: organization.id, requestId: request.id } },
        { dedupeKey: `join_request.created:${request.id}`, tid: input.identity.tid },
      );
      return { created: true, joinRequest: (await readPending(transaction))! };
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const existing = await readPending();
    if (!existing) throw error;
    return { created: false, joinRequest: existing };
  }
}

/** A pending row past its expiry is history, not a request: it is marked expired before anything else happens. */
async function expireStalePending(
  store: Store,
  input: { organizationId: string; userId: string },
  now: Date,
  transaction: Transaction,
): Promise<void> {
  const { JoinRequest } = store.models;
  const stale = await JoinRequest.findAll({
    where: { organizationId: input.organizationId, userId: input.userId, status: "pending", expiresAt: { [Op.lte]: now } },
    attributes: ["id"],
    raw: true,
    transaction,
  });
  for (const row of stale) {
    const [count] = await JoinRequest.update({ status: "expired" }, { where: { id: row.id, status: "pending" }, transaction });
    if (count === 0) continue;
    await recordAudit(
      store.models,
      {
        organizationId: input.organizationId,
        actor: { userId: null, name: null },
        action: "request.expired",
        channel: "system",
        target: { type: "join_request", id: row.id },
      },
      transaction,
    );
  }
}
