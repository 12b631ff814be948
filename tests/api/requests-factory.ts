import { randomUUID } from "node:crypto";
import { stableId } from "../../api/domain/seed.js";
import { recordAudit } from "../../api/domain/audit-log/record-audit.js";
import { enqueueNotification } from "../../api/domain/outbox/enqueue-notification.js";
import type { TestApp } from "../helpers/app.js";

export const CONTOSO_TID = "c0a70500-0000-4000-8000-000000000001";
export const FABRIKAM_TID = "fab00000-0000-4000-8000-000000000002";
export const NORTHWIND_TID = "90d70000-0000-4000-8000-000000000003";
export const orgIdOf = (tid: string) => stableId(`org:${tid}`);
export const seededUserId = (tid: string, oid: string) => stableId(`user:${tid}:${oid}`);
export const CONTOSO_ORG = orgIdOf(CONTOSO_TID);
const DAY = 24 * 60 * 60 * 1000;

/** The user id of a seeded sandbox persona (an existing RosterLink account). */
export function personaUserId(t: TestApp, upn: string): string {
  const persona = t.sandbox.personas.find((p) => p.upn === upn);
  if (!persona) throw new Error(`no persona ${upn}`);
  return seededUserId(persona.tid, persona.oid);
}

/**
 * A pending management request written the way `POST /api/me/join-request` writes it (request,
 * audit, outbox row in one transaction), for people the sandbox has no persona for and for ages the
 * route cannot produce. Tests of the real flow go through the route.
 */
export async function buildJoinRequest(
  t: TestApp,
  options: { organizationId?: string; userId?: string; displayName?: string; createdAt?: Date; detectedAccountType?: "teacher" | "student" } = {},
): Promise<{ requestId: string; userId: string }> {
  const { store } = t.app;
  const organizationId = options.organizationId ?? CONTOSO_ORG;
  const createdAt = options.createdAt ?? new Date();
  return store.transaction(async (transaction) => {
    let userId = options.userId;
    if (!userId) {
      const oid = randomUUID();
      const user = await store.models.User.create(
        { tid: CONTOSO_TID, oid, displayName: options.displayName ?? `Person ${oid.slice(0, 6)}`, email: `${oid.slice(0, 6)}@contoso.example`, accountType: "teacher", accountTypeSource: "user_choice" },
        { transaction },
      );
      userId = user.id;
    }
    const request = await store.models.JoinRequest.create(
      {
        organizationId,
        userId,
        status: "pending",
        detectedAccountType: options.detectedAccountType ?? "teacher",
        expiresAt: new Date(createdAt.getTime() + 30 * DAY),
        createdAt,
      },
      { transaction },
    );
    await recordAudit(store.models, { organizationId, actor: { userId, name: null }, action: "request.created", channel: "tab", target: { type: "join_request", id: request.id } }, transaction);
    await enqueueNotification(store.models, transaction, { kind: "join_request.created", payload: { organizationId, requestId: request.id } }, { dedupeKey: `join_request.created:${request.id}` });
    return { requestId: request.id, userId };
  });
}

export async function auditActions(t: TestApp, requestId: string): Promise<string[]> {
  const rows = await t.app.store.models.AuditEvent.findAll({ where: { targetId: requestId }, order: [["createdAt", "ASC"]], raw: true });
  return rows.map((r) => r.action);
}

export async function membershipOf(t: TestApp, userId: string) {
  const membership = await t.app.store.models.Membership.findOne({ where: { userId } });
  return membership ? membership.get({ plain: true }) : null;
}
