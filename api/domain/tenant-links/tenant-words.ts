import type { OrganizationKind } from "../../store/types.js";

/**
 * The words the server's own sentences use for an organization (docs/spec.md §1, §8): schools and districts
 * have teachers, students and a roster; eLearning organizations have creators, learners and their
 * Microsoft 365 education data. Without a kind (a caller that does not know it) the school words apply.
 */
export function tenantWords(kind?: OrganizationKind | null) {
  const elearning = kind === "elearning";
  return {
    place: elearning ? "organization" : "school",
    types: elearning ? "creators and learners" : "teachers and students",
    eitherType: elearning ? "a creator or a learner" : "a teacher or a student",
    roster: elearning ? "organization's education data" : "school's roster",
    rosterData: elearning ? "education data" : "roster data",
  };
}
