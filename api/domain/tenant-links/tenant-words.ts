import type { OrganizationKind } from "../../store/types.js";
import { organizationWords } from "../../../contract/organization-words.js";

/**
 * The words the server's own sentences use for an organization (docs/spec.md §1, §8): schools and districts
 * have teachers, students and a roster; eLearning organizations have creators, learners and their
 * Microsoft 365 education data. Without a kind (a caller that does not know it) the school words apply.
 */
export function tenantWords(kind?: OrganizationKind | null) {
  const words = organizationWords(kind);
  return {
    place: words.place,
    types: `${words.leaders} and ${words.followers}`,
    eitherType: `a ${words.leader} or a ${words.follower}`,
    roster: `${words.place}'s ${words.roster}`,
    rosterData: words.rosterData,
  };
}
