import type { OrganizationKind } from "./vocabulary.js";

/**
 * The nouns an organization is spoken of with (docs/spec.md §1, §8), shared by the tab's strings and the
 * server's own sentences so both say the same: schools and districts have teachers, students and a roster;
 * eLearning organizations have creators, learners and their Microsoft 365 education data. Without a kind
 * the school words apply.
 */
export function organizationWords(kind?: OrganizationKind | null) {
  const elearning = kind === "elearning";
  return {
    leader: elearning ? "creator" : "teacher",
    leaders: elearning ? "creators" : "teachers",
    follower: elearning ? "learner" : "student",
    followers: elearning ? "learners" : "students",
    place: elearning ? "organization" : "school",
    /** What Microsoft's EduRoster.ReadBasic reads. */
    roster: elearning ? "education data" : "roster",
    rosterData: elearning ? "education data" : "roster data",
  };
}
