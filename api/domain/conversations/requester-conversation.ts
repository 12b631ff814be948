import type { Store } from "../../store/store.js";
import type { OrganizationKind } from "../../store/types.js";
import { parsedJson } from "../outbox/claim-outbox.js";

/** A decided request as the person who asked should hear it, and where the bot can reach them. */
export interface DecisionNotice {
  requestId: string;
  status: "approved" | "rejected";
  organization: { name: string; kind: OrganizationKind };
  decidedByName: string | null;
  reason: string | null;
  canAskAgainAt: Date | null;
  /** People who joined with them (a teacher subscription's students). */
  followers: number;
  /** Null when the person does not have the bot installed: then the tab tells them instead. */
  conversation: { tid: string; conversationId: string; reference: unknown } | null;
}

/** Reads a decision for the requester's notice; null when the request is gone or not decided. */
export async function loadDecisionNotice(store: Store, requestId: string): Promise<DecisionNotice | null> {
  const { JoinRequest, User, Organization, ConversationRef } = store.models;
  const request = await JoinRequest.findByPk(requestId, { raw: true });
  if (!request || (request.status !== "approved" && request.status !== "rejected")) return null;
  const [user, organization] = await Promise.all([
    User.findByPk(request.userId, { attributes: ["tid", "oid"], raw: true }),
    Organization.findByPk(request.organizationId, { attributes: ["name", "kind"], raw: true }),
  ]);
  if (!user || !organization) return null;
  const reference = await ConversationRef.findOne({ where: { tid: user.tid, oid: user.oid }, raw: true });
  const joinedWith = request.status === "approved" ? await countFollowers(store, request.userId) : 0;
  return {
    requestId,
    status: request.status,
    organization: { name: organization.name, kind: organization.kind },
    decidedByName: request.decidedByName,
    reason: request.decisionReason,
    canAskAgainAt: request.canAskAgainAt ? new Date(request.canAskAgainAt) : null,
    followers: joinedWith,
    conversation: reference ? { tid: reference.tid, conversationId: reference.conversationId, reference: parsedJson(reference.reference) } : null,
  };
}

async function countFollowers(store: Store, teacherUserId: string): Promise<number> {
  const subscription = await store.models.TeacherSubscription.findOne({ where: { teacherUserId, status: "active" }, attributes: ["id"], raw: true });
  return subscription ? store.models.SubscriptionStudent.count({ where: { subscriptionId: subscription.id } }) : 0;
}
