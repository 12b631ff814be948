import { presentOrganization } from "../domain/session/present-session.js";
import { chooseAccountType } from "../domain/session/choose-account-type.js";
import { hideJoinOffer } from "../domain/session/hide-join-offer.js";
import { createJoinRequest } from "../domain/join-requests/create-join-request.js";
import { meEndpoints } from "../../contract/me.js";
import { defineRoute } from "../http/route.js";
import type { AppContext } from "../context.js";

/** The signed-in person's own choices (docs/spec.md §4, §13): account type, the join offer and its request. */
export const meRoutes = (deps: AppContext) => [
  defineRoute({
    ...meEndpoints.chooseAccountType,
    summary: "Choose my account type (while it is unknown, or while a self-chosen teacher awaits confirmation)",
    tags: ["me"],
    auth: "user",
    problems: [400, 404, 409],
    async handler({ identity, body }) {
      return { body: { user: await chooseAccountType(deps, { identity, accountType: body.accountType }) } };
    },
  }),
  defineRoute({
    ...meEndpoints.askToJoin,
    summary: "Accept the join offer: ask my tenant's organization to let me join (201 created, 200 already pending)",
    tags: ["me"],
    auth: "user",
    problems: [404, 409],
    async handler({ identity }) {
      const { created, joinRequest } = await createJoinRequest(deps, { identity });
      return {
        status: created ? 201 : 200,
        body: {
          joinRequest: {
            ...joinRequest,
            organization: presentOrganization(joinRequest.organization),
            createdAt: joinRequest.createdAt.toISOString(),
            expiresAt: joinRequest.expiresAt.toISOString(),
          },
        },
      };
    },
  }),
  defineRoute({
    ...meEndpoints.hideJoinOffer,
    summary: "Dismiss the join offer for 30 days",
    tags: ["me"],
    auth: "user",
    problems: [404],
    async handler({ identity }) {
      const { hiddenUntil } = await hideJoinOffer(deps, { identity });
      return { body: { hiddenUntil: hiddenUntil.toISOString() } };
    },
  }),
];
