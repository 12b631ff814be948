import { conflict, notFound } from "../../errors.js";
import { PROBLEM_CODES } from "../../../contract/problems.js";

/** Why a decision on one request was refused; the same problems whether one or many were decided. */
export const requestNotFound = () => notFound("request_not_found", "No such request in this organization.");

export function alreadyMember(sameOrganization: boolean) {
  return conflict(
    "already_member",
    sameOrganization
      ? "This person is already a member of the organization."
      : "This person has meanwhile joined another organization, so the request cannot be approved.",
  );
}

export function studentAlreadyMember(studentName: string | undefined) {
  return conflict(
    "student_already_member",
    `${studentName ?? "One of the teacher's students"} already belongs to another organization; they must leave it before the teacher's request can be approved.`,
  );
}

export function alreadyDecided(request: { status: string; expiresAt: Date; decidedByName: string | null; decidedAt: Date | null }, now: Date) {
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
