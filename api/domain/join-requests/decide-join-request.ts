import { PROBLEM_CODES } from "../../../contract/problems.js";
import { Op, type Transaction } from "sequelize";
import type { JoinRequestDecision, JoinRequestDecisionResult } from "../../../contract/requests.js";
import { conflict, notFound } from "../../errors.js";
import type { Models } from "../../store/models.js";
import { isUniqueViolation, type Store } from "../../store/store.js";
import { recordAudit } from "../audit-log/record-audit.js";
import { enqueueNotification } from "../outbox.js";
import { presentJoinRequests } from "./present-join-request.js";
import { recordJoins, type Joined } from "./record-joins.js";
import { isGuid } from "../../../contract/guid.js";


export interface DecideJoinRequestInput {
  store: Store;
  now: Date;
  organizationId: string;
  requestId: string;
  decision: JoinRequestDecision;
  /** An org admin, already authorised by the caller (route: the token; bot: the activity). */
  actor: { userId: string; name: string };
  channel: "tab" | "bot";
  /** A rejection's reason, shown to the person (optional; ignored on approval). */
  reason?: string;
  /** After a rejection, how long before the person may ask again. */
  cooldownMs: number;
}

/**
 * Approves or rejects one management request (docs/spec.md §6). The first decision wins: a conditional
 * UPDATE … WHERE status = 'pending' decides it, and its affected-row count — not an earlier read —
 * tells a loser that someone else was first. Approval joins the requester, and for a teacher with a
 * teacher subscription the students too, in the same transaction as the audit entry and the
 * notification that updates every admin's card.
 */
export async function decideJoinRequest(input: DecideJoinRequestInput): Promise<JoinRequestDecisionResult> {
  const { store, now, organizationId, requestId, decision, actor, channel } = input;
  const reason = decision === "reject" ? input.reason?.trim() || null : null;
  const canAskAgainAt = decision === "reject" ? new Date(now.getTime() + input.cooldownMs) : null;
  if (!isGuid(requestId)) throw requestNotFound();
  return store.transaction(async (transaction) => {
    const { JoinRequest } = store.models;
    const request = await JoinRequest.findOne({ where: { id: requestId, organizationId }, raw: true, transaction });
    if (!request) throw requestNotFound();

    const status = decision === "approve" ? "approved" : "rejected";
    const [won] = await JoinRequest.update(
      { status, decidedByUserId: actor.userId, decidedByName: actor.name, decisionChannel: channel, decidedAt: now, decisionReason: reason, canAskAgainAt },
      { where: { id: requestId, status: "pending", expiresAt: { [Op.gte]: now } }, transaction },
    );
    if (won === 0) {
      // Re-read: on PostgreSQL this statement sees the winner's committed row.
      const current = await JoinRequest.findByPk(requestId, { raw: true, transaction });
      throw alreadyDecided(current ?? request, now);
    }

    const joined = decision === "approve" ? await joinRequester(store.models, { organizationId, userId: request.userId }, transaction) : [];
    const membersJoined = joined.length;
    const requester = await store.models.User.findByPk(request.userId, { attributes: ["displayName", "tid"], raw: true, transaction });

    await recordAudit(
      store.models,
      {
        organizationId,
        actor: { userId: actor.userId, name: actor.name },
        action: decision === "approve" ? "request.approved" : "request.rejected",
        channel,
        target: { type: "join_request", id: requestId },
        details: {
          userId: request.userId,
          userName: requester?.displayName ?? null,
          decidedAt: now.toISOString(),
          ...(decision === "approve"
            ? { membersJoined, studentsFollowed: Math.max(0, membersJoined - 1) }
            : { reason, canAskAgainAt: canAskAgainAt!.toISOString() }),
        },
      },
      transaction,
    );
    // Joins through an approval are joins like any other: each person gets their own Activity row.
    await recordJoins(store.models, { organizationId, requestId, actor, channel, joined }, transaction);
    await enqueueNotification(
      store.models,
      transaction,
      { kind: "join_request.decided", payload: { organizationId, requestId } },
      { dedupeKey: `join_request.decided:${requestId}` },
    );
    // The person hears the outcome from the bot, where they have it installed (outbox: api/ never calls bot/).
    await enqueueNotification(
      store.models,
      transaction,
      { kind: "join_request.requester_told", payload: { organizationId, requestId } },
      { dedupeKey: `join_request.requester_told:${requestId}`, tid: requester?.tid },
    );
    const updated = await JoinRequest.findByPk(requestId, { raw: true, transaction });
    const [item] = await presentJoinRequests(store.models, [updated!], now, transaction);
    return { request: item!, membersJoined };
  });
}

/** Joins the requester and, for a teacher subscription, its students (who keep their `student` type). */
async function joinRequester(models: Models, who: { organizationId: string; userId: string }, transaction: Transaction): Promise<Joined[]> {
  const { Membership, TeacherSubscription, SubscriptionStudent, User } = models;
  const existing = await Membership.findOne({ where: { userId: who.userId }, raw: true, transaction });
  if (existing) throw alreadyMember(existing.organizationId === who.organizationId);
  try {
    await Membership.create({ organizationId: who.organizationId, userId: who.userId, isAdmin: false, joinedVia: "request" }, { transaction });
  } catch (error) {
    if (isUniqueViolation(error)) throw alreadyMember(false);
    throw error;
  }
  const joined: Joined[] = [{ userId: who.userId, followed: false }];
  const subscription = await TeacherSubscription.findOne({ where: { teacherUserId: who.userId, status: "active" }, raw: true, transaction });
  if (!subscription) return joined;
  const students = await SubscriptionStudent.findAll({ where: { subscriptionId: subscription.id }, raw: true, transaction });
  for (const { studentUserId } of students) {
    const membership = await Membership.findOne({ where: { userId: studentUserId }, raw: true, transaction });
    if (membership?.organizationId === who.organizationId) continue;
    if (membership) {
      const student = await User.findByPk(studentUserId, { attributes: ["displayName"], raw: true, transaction });
      throw conflict(
        "student_already_member",
        `${student?.displayName ?? "One of the teacher's students"} already belongs to another organization; they must leave it before the teacher's request can be approved.`,
      );
    }
    await Membership.create({ organizationId: who.organizationId, userId: studentUserId, isAdmin: false, joinedVia: "request" }, { transaction });
    joined.push({ userId: studentUserId, followed: true });
  }
  return joined;
}

const requestNotFound = () => notFound("request_not_found", "No such request in this organization.");

function alreadyMember(sameOrganization: boolean) {
  return conflict(
    "already_member",
    sameOrganization
      ? "This person is already a member of the organization."
      : "This person has meanwhile joined another organization, so the request cannot be approved.",
  );
}

function alreadyDecided(request: { status: string; expiresAt: Date; decidedByName: string | null; decidedAt: Date | null }, now: Date) {
  if (request.status === "expired" || (request.status === "pending" && new Date(request.expiresAt).getTime() < now.getTime())) {
    return conflict("request_expired", "This request expired after 30 days; the person can ask again.");
  }
  const name = request.decidedByName ?? "another admin";
  return conflict(PROBLEM_CODES.requestAlreadyDecided, `Already ${request.status} by ${name}.`, {
    decidedBy: { name },
    decision: request.status,
    decidedAt: request.decidedAt ? new Date(request.decidedAt).toISOString() : null,
  });
}
