import { z } from "zod/v4";
import { ACCOUNT_TYPE_SOURCES, ACCOUNT_TYPES, ORGANIZATION_KINDS, PLANS } from "./vocabulary.js";
import { endpoint } from "./endpoint.js";

/**
 * `POST /api/session` — who I am, my membership and what to do next (docs/spec.md §4, §13).
 * The tab, the bot and the consent pages build on this shape: add fields, never rename or remove.
 */
export const accountTypeSchema = z.enum(ACCOUNT_TYPES);
export const accountTypeSourceSchema = z.enum(ACCOUNT_TYPE_SOURCES);

export const organizationSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(ORGANIZATION_KINDS),
  plan: z.enum(PLANS),
});
export type OrganizationSummary = z.infer<typeof organizationSummarySchema>;

export const sessionUserSchema = z.object({
  id: z.string(),
  displayName: z.string(),
  /** For display only; never used to identify anyone. */
  email: z.string().nullable(),
  /** null: unknown — the user picks one of `accountTypeChoices`. */
  accountType: accountTypeSchema.nullable(),
  accountTypeSource: accountTypeSourceSchema.nullable(),
  /** A self-chosen teacher (or creator) waiting for an org admin's confirmation before teacher rights. */
  teacherConfirmationPending: z.boolean(),
});
export type SessionUser = z.infer<typeof sessionUserSchema>;

export const sessionMembershipSchema = z.object({
  organization: organizationSummarySchema,
  isAdmin: z.boolean(),
});

/**
 * The most urgent thing for the tab to show, in this order of precedence:
 * `consent_required` (a tenant admin whose tenant's link awaits consent or needs attention) →
 * `choose_account_type` (type unknown) → `pending_request` → `join_offer` → `ready`.
 * The detail objects below are filled whenever they apply, whatever `next` says.
 */
export const SESSION_NEXT_STEPS = ["ready", "choose_account_type", "join_offer", "pending_request", "consent_required"] as const;
export const sessionNextSchema = z.enum(SESSION_NEXT_STEPS);
export type SessionNext = z.infer<typeof sessionNextSchema>;

export const sessionResponseSchema = z.object({
  user: sessionUserSchema,
  membership: sessionMembershipSchema.nullable(),
  next: sessionNextSchema,
  /** The banner offering to join the tenant's organization (docs/spec.md §4); accept with POST /api/me/join-request. */
  joinOffer: z.object({ organization: organizationSummarySchema }).nullable(),
  /** The caller's pending management request, while an org admin has not decided it. */
  pendingRequest: z
    .object({ id: z.string(), organization: organizationSummarySchema, createdAt: z.iso.datetime() })
    .nullable(),
  /**
   * The caller's request was declined and its cooldown still runs: shown instead of the join offer,
   * with the admin's reason and when they may ask again (POST /api/me/join-request is 409 until then).
   */
  declinedRequest: z
    .object({ id: z.string(), organization: organizationSummarySchema, reason: z.string().nullable(), decidedAt: z.iso.datetime(), canAskAgainAt: z.iso.datetime() })
    .nullable(),
  /** For a tenant admin (docs/spec.md §3.6): the admin-consent URL, single-use, valid for 10 minutes. */
  consent: z.object({ url: z.string(), organization: organizationSummarySchema }).nullable(),
  /**
   * Signed in while their tenant's link awaited consent: they join this organization automatically at
   * their first sign-in after consent, with their account type detected then (docs/spec.md §3.5).
   */
  awaitingConsent: z.object({ organization: organizationSummarySchema }).nullable(),
  /** The types this user may pick: teacher/student, or creator/learner in an eLearning organization. */
  accountTypeChoices: z.array(accountTypeSchema),
});
export type SessionResponse = z.infer<typeof sessionResponseSchema>;

export const sessionEndpoints = {
  start: endpoint({ method: "post", path: "/api/session", response: sessionResponseSchema }),
};
