import type { OrganizationKind } from "../../contract/vocabulary.js";

/** The organization a card speaks for: its name, and its kind for the words (docs/spec.md §1). */
export interface CardOrganization {
  name: string;
  kind: OrganizationKind;
}

const TYPE_LABELS: Record<string, string> = { teacher: "Teacher", student: "Student", creator: "Creator", learner: "Learner" };

/** eLearning organizations read creator/learner; schools and districts teacher/student. */
export function cardWords(kind: OrganizationKind) {
  const elearning = kind === "elearning";
  const followers = elearning ? "learners" : "students";
  return {
    type: (accountType: string) => TYPE_LABELS[accountType] ?? accountType,
    whoWillFollow: elearning ? "Learners who will follow" : "Students who will follow",
    follow: (n: number) => (n === 1 ? `1 ${followers.slice(0, -1)} follows` : `${n} ${followers} follow`),
  };
}
