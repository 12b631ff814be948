import { chooseAccountTypeBody, chooseAccountTypeResponse, createJoinRequestResponse, hideJoinOfferResponse } from "../../contract/me.js";
import { presentOrganization } from "../domain/session/present-session.js";
import { chooseAccountType } from "../domain/session/choose-account-type.js";
import { hideJoinOffer } from "../domain/session/hide-join-offer.js";
import { createJoinRequest } from "../domain/join-requests/create-join-request.js";
import { defineRoute } from "../http/route.js";
import type { AppContext } from "../context.js";

/** The signed-in person's own choices (docs/spec.md §4, §13): account type, the join offer and its request. */
export const meRoutes = (deps: AppContext) => [
  defineRoute({
    method: "put",
    path: "/api/me/account-type",
    summary: "Choose my account type (while it is unknown, or while a self-chosen teacher awaits confirmation)",
    tags: ["me"],
    auth: "user",
    body: chooseAccountTypeBody,
    response: chooseAccountTypeResponse,
    problems: [400, 404, 409],
    async handler({ identity, body }) {
      return { body: { user: await chooseAccountType(deps, { identity, accountType: body.accountType }) } };
    },
  }),
  defineRoute({
    method: "post",
    path: "/api/me/join-request",
    summary: "Accept the join offer: ask my tenant's organization to let me join (201 created, 200 already pending)",
    tags: ["me"],
    auth: "user",
    response: createJoinRequestResponse,
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
    method: "del",
    path: "/api/me/join-offer",
    summary: "Dismiss the join offer for 30 days",
    tags: ["me"],
    auth: "user",
    response: hideJoinOfferResponse,
    problems: [404],
    async handler({ identity }) {
      const { hiddenUntil } = await hideJoinOffer(deps, { identity });
      return { body: { hiddenUntil: hiddenUntil.toISOString() } };
    },
  }),
];
