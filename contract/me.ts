import { z } from "zod/v4";
import { accountTypeSchema, organizationSummarySchema, sessionUserSchema } from "./session.js";
import { endpoint } from "./endpoint.js";

/** `PUT /api/me/account-type`: only while the type is unknown or an unconfirmed self-chosen teacher. */
export const chooseAccountTypeBody = z.object({ accountType: accountTypeSchema });
export type ChooseAccountTypeBody = z.infer<typeof chooseAccountTypeBody>;
export const chooseAccountTypeResponse = z.object({ user: sessionUserSchema });
export type ChooseAccountTypeResponse = z.infer<typeof chooseAccountTypeResponse>;

/**
 * `POST /api/me/join-request`: asks to join the organization of the caller's tenant (the join offer).
 * 201 when created, 200 when a pending request already existed (one per organization and user).
 */
export const joinRequestSchema = z.object({
  id: z.string(),
  organization: organizationSummarySchema,
  status: z.literal("pending"),
  detectedAccountType: accountTypeSchema.nullable(),
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
});
export const createJoinRequestResponse = z.object({ joinRequest: joinRequestSchema });
export type CreateJoinRequestResponse = z.infer<typeof createJoinRequestResponse>;

/** `DELETE /api/me/join-offer`: hides the banner until `hiddenUntil` (30 days). */
export const hideJoinOfferResponse = z.object({ hiddenUntil: z.iso.datetime() });
export type HideJoinOfferResponse = z.infer<typeof hideJoinOfferResponse>;

export const meEndpoints = {
  chooseAccountType: endpoint({ method: "put", path: "/api/me/account-type", body: chooseAccountTypeBody, response: chooseAccountTypeResponse }),
  askToJoin: endpoint({ method: "post", path: "/api/me/join-request", response: createJoinRequestResponse }),
  hideJoinOffer: endpoint({ method: "del", path: "/api/me/join-offer", response: hideJoinOfferResponse }),
};
