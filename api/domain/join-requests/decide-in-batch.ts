import { Op, Transaction } from "sequelize";
import type { JoinRequestDecision, JoinRequestItem } from "../../../contract/requests.js";
import { isGuid } from "../../../contract/guid.js";
import type { Problem } from "../../errors.js";
import type { JoinRequestRow } from "../../store/models.js";
import { isUniqueViolation, type Store } from "../../store/store.js";
import type { CommandContext } from "../command-context.js";
import { recordAudits, type AuditEntry } from "../audit-log/record-audit.js";
import { enqueueNotifications, type EnqueueOptions, type Notification } from "../outbox/enqueue-notification.js";
import { alreadyDecided, alreadyMember, requestNotFound, studentAlreadyMember } from "./decision-problems.js";
import { presentJoinRequests } from "./present-join-request.js";
import { joinAuditEntries, type Joined } from "./record-joins.js";

export interface BatchInput {
  organizationId: string;
  /** An org admin, already authorised by the caller (route: the token; bot: the activity). */
  actor: { userId: string; name: string };
  channel: "tab" | "bot";
  /** After a rejection, how long before the person may ask again. */
  cooldownMs: number;
  items: Array<{ id: string; decision: JoinRequestDecision; reason?: string }>;
}

export type BatchOutcome = { ok: true; request: JoinRequestItem; membersJoined: number } | { ok: false; problem: Problem };

/** Attempts of the whole batch when it lost a race the pre-read could not see (see below). */
const ATTEMPTS = 4;

/**
 * Decides management requests (docs/spec.md §6) in one transaction per batch with set-based reads and
 * writes: a bulk decision of 100 costs ~15 round trips instead of ~20 per item (docs/scale.md, bulk).
 *
 * Per-item guarantees hold as if each item were decided alone, in order:
 * - The requests are read `FOR UPDATE` (PostgreSQL; SQLite's transactions are already exclusive), so the
 *   first decision wins and a later one — in this batch or elsewhere — reads the winner and is told who.
 * - Every check (already decided, expired, member elsewhere, a student member elsewhere) is made per item
 *   against what the earlier items of the batch did; a refused item writes nothing, the others go on.
 * - Memberships, audit rows and outbox rows are written with multi-row statements in the same transaction.
 * - A membership that appears between the read and the write (a concurrent sign-in or decision) makes the
 *   insert hit `memberships_user`; the batch then starts again and its re-read refuses that item.
 */
export async function decideInBatch(ctx: CommandContext<"store" | "now">, input: BatchInput): Promise<BatchOutcome[]> {
  // One instant for the whole batch, retries included, as when the caller passed it in.
  const now = ctx.now();
  const { store } = ctx;
  for (let attempt = 1; ; attempt++) {
    try {
      return await store.transaction((transaction) => decide(store, now, input, transaction));
    } catch (error) {
      if (attempt >= ATTEMPTS || !lostARace(error)) throw error;
    }
  }
}

/** A unique violation (a membership written meanwhile) or a PostgreSQL deadlock: worth one more try. */
function lostARace(error: unknown): boolean {
  const code = (error as { parent?: { code?: string } } | undefined)?.parent?.code;
  return isUniqueViolation(error) || code === "40P01" || code === "40001" || error instanceof RaceLost;
}
class RaceLost extends Error {}

async function decide(store: Store, now: Date, input: BatchInput, transaction: Transaction): Promise<BatchOutcome[]> {
  const { organizationId, actor, channel } = input;
  const { JoinRequest, Membership, TeacherSubscription, SubscriptionStudent, User } = store.models;
  const ids = [...new Set(input.items.map((i) => i.id).filter(isGuid))];
  // Sorted, so two batches lock the rows they share in the same order and never deadlock each other.
  const rows = ids.length
    ? await JoinRequest.findAll({
        where: { id: ids, organizationId },
        order: [["id", "ASC"]],
        raw: true,
        transaction,
        ...(store.dialect === "postgres" ? { lock: Transaction.LOCK.UPDATE } : {}),
      })
    : [];
  const requests = new Map(rows.map((r) => [r.id, { ...r }]));

  // What approving could run into, read once for the whole batch.
  const approving = [...new Set(input.items.filter((i) => i.decision === "approve" && requests.get(i.id)?.status === "pending").map((i) => requests.get(i.id)!.userId))];
  const subscriptions = approving.length
    ? await TeacherSubscription.findAll({ where: { teacherUserId: approving, status: "active" }, attributes: ["id", "teacherUserId"], raw: true, transaction })
    : [];
  const students = subscriptions.length
    ? await SubscriptionStudent.findAll({ where: { subscriptionId: subscriptions.map((s) => s.id) }, attributes: ["subscriptionId", "studentUserId"], order: [["createdAt", "ASC"], ["id", "ASC"]], raw: true, transaction })
    : [];
  const studentsOf = new Map<string, string[]>();
  for (const subscription of subscriptions) studentsOf.set(subscription.teacherUserId, students.filter((s) => s.subscriptionId === subscription.id).map((s) => s.studentUserId));
  const everyone = [...new Set([...rows.map((r) => r.userId), ...students.map((s) => s.studentUserId)])];
  const [memberships, people] = everyone.length
    ? await Promise.all([
        Membership.findAll({ where: { userId: [...approving, ...students.map((s) => s.studentUserId)] }, attributes: ["userId", "organizationId"], raw: true, transaction }),
        User.findAll({ where: { id: everyone }, attributes: ["id", "displayName", "accountType", "tid"], raw: true, transaction }),
      ])
    : [[], []];
  const organizationOf = new Map(memberships.map((m) => [m.userId, m.organizationId]));
  const person = new Map(people.map((p) => [p.id, p]));

  // Each item in order, against what the items before it did.
  const outcomes: Array<BatchOutcome | { ok: true; id: string; membersJoined: number }> = [];
  const joins: Joined[] = [];
  const audits: AuditEntry[] = [];
  const notifications: Array<{ notification: Notification; options?: EnqueueOptions }> = [];
  const decided = new Map<string, { status: "approved" | "rejected"; reason: string | null; canAskAgainAt: Date | null; ids: string[] }>();
  for (const item of input.items) {
    const request = isGuid(item.id) ? requests.get(item.id) : undefined;
    if (!request) {
      outcomes.push({ ok: false, problem: requestNotFound() });
      continue;
    }
    if (request.status !== "pending" || new Date(request.expiresAt).getTime() < now.getTime()) {
      outcomes.push({ ok: false, problem: alreadyDecided(request, now) });
      continue;
    }
    const joined: Joined[] = [];
    if (item.decision === "approve") {
      const refusal = planJoin(request.userId, organizationId, organizationOf, studentsOf, person, joined);
      if (refusal) {
        outcomes.push({ ok: false, problem: refusal });
        continue;
      }
    }
    const status = item.decision === "approve" ? "approved" : "rejected";
    const reason = item.decision === "reject" ? item.reason?.trim() || null : null;
    const canAskAgainAt = item.decision === "reject" ? new Date(now.getTime() + input.cooldownMs) : null;
    for (const j of joined) organizationOf.set(j.userId, organizationId);
    Object.assign(request, { status, decidedByUserId: actor.userId, decidedByName: actor.name, decisionChannel: channel, decidedAt: now, decisionReason: reason, canAskAgainAt });
    const group = `${status}|${reason ?? ""}`;
    if (!decided.has(group)) decided.set(group, { status, reason, canAskAgainAt, ids: [] });
    decided.get(group)!.ids.push(request.id);
    joins.push(...joined);

    const requester = person.get(request.userId);
    audits.push({
      organizationId,
      actor,
      action: status === "approved" ? "request.approved" : "request.rejected",
      channel,
      target: { type: "join_request", id: request.id },
      details: {
        userId: request.userId,
        userName: requester?.displayName ?? null,
        decidedAt: now.toISOString(),
        ...(status === "approved"
          ? { membersJoined: joined.length, studentsFollowed: Math.max(0, joined.length - 1) }
          : { reason, canAskAgainAt: canAskAgainAt!.toISOString() }),
      },
    });
    // Joins through an approval are joins like any other: each person gets their own Activity row.
    audits.push(...joinAuditEntries({ organizationId, requestId: request.id, actor, channel, joined }, person));
    const payload = { organizationId, requestId: request.id };
    notifications.push({ notification: { kind: "join_request.decided", payload }, options: { dedupeKey: `join_request.decided:${request.id}` } });
    // The person hears the outcome from the bot, where they have it installed (outbox: api/ never calls bot/).
    notifications.push({ notification: { kind: "join_request.requester_told", payload }, options: { dedupeKey: `join_request.requester_told:${request.id}`, tid: requester?.tid } });
    outcomes.push({ ok: true, id: request.id, membersJoined: joined.length });
  }

  // The writes: one statement per kind (one UPDATE per distinct decision and reason).
  for (const { status, reason, canAskAgainAt, ids: group } of decided.values()) {
    const [changed] = await JoinRequest.update(
      { status, decidedByUserId: actor.userId, decidedByName: actor.name, decisionChannel: channel, decidedAt: now, decisionReason: reason, canAskAgainAt },
      { where: { id: group, status: "pending", expiresAt: { [Op.gte]: now } }, transaction },
    );
    // The rows are locked (or the transaction exclusive): fewer changed means the read above was wrong.
    if (changed !== group.length) throw new RaceLost(`decided ${changed} of ${group.length}`);
  }
  if (joins.length) {
    await Membership.bulkCreate(joins.map((j) => ({ organizationId, userId: j.userId, isAdmin: false, joinedVia: "request" as const })), { transaction });
  }
  await recordAudits(store.models, audits, transaction);
  await enqueueNotifications(store.models, transaction, notifications);

  const decidedRows = outcomes.flatMap((o) => ("id" in o ? [requests.get(o.id)! as JoinRequestRow] : []));
  const presented = new Map((await presentJoinRequests(store.models, decidedRows, now, transaction)).map((item) => [item.id, item]));
  return outcomes.map((o) => ("id" in o ? { ok: true, request: presented.get(o.id)!, membersJoined: o.membersJoined } : o));
}

/**
 * Who approving this requester lets in: the requester, and for a teacher subscription the students who are
 * not members yet (they keep their `student` type). A refusal when someone already belongs elsewhere.
 */
function planJoin(
  userId: string,
  organizationId: string,
  organizationOf: Map<string, string>,
  studentsOf: Map<string, string[]>,
  person: Map<string, { displayName: string }>,
  joined: Joined[],
): Problem | undefined {
  const current = organizationOf.get(userId);
  if (current) return alreadyMember(current === organizationId);
  joined.push({ userId, followed: false });
  for (const studentUserId of studentsOf.get(userId) ?? []) {
    const theirs = organizationOf.get(studentUserId);
    if (theirs === organizationId || joined.some((j) => j.userId === studentUserId)) continue;
    if (theirs) return studentAlreadyMember(person.get(studentUserId)?.displayName);
    joined.push({ userId: studentUserId, followed: true });
  }
  return undefined;
}
