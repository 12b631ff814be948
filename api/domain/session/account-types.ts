import type { AccountType, OrganizationKind } from "../../store/types.js";

/** School and district organizations speak of teachers and students, eLearning ones of creators and learners (docs/spec.md §1). */
export function accountTypeChoices(kind: OrganizationKind | null): AccountType[] {
  return kind === "elearning" ? ["creator", "learner"] : ["teacher", "student"];
}

/**
 * Detection speaks the school vocabulary (education roles, faculty/student licences). In an eLearning
 * organization a teacher is a creator and a student a learner — the same rights under the org's words —
 * so a detected type is translated rather than dropped to unknown.
 */
export function forOrganizationKind(type: AccountType, kind: OrganizationKind | null): AccountType {
  if (kind === "elearning") return type === "teacher" ? "creator" : type === "student" ? "learner" : type;
  return type === "creator" ? "teacher" : type === "learner" ? "student" : type;
}

/** Types that carry teacher rights, which an organization may want to confirm when self-chosen (docs/spec.md §5). */
export const isTeacherLike = (type: AccountType) => type === "teacher" || type === "creator";
