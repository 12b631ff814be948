import type { Identity } from "../../auth/identity.js";
import { notFound } from "../../errors.js";
import type { Store } from "../../store/store.js";
import { requireOrgAdmin, type OrgActor } from "./org-admin.js";
import { isGuid } from "../../../contract/guid.js";


/**
 * For callers that know only a request id (a bot card action): the organization comes from the
 * request row, never from the caller, and the caller must be an admin of it.
 */
export async function requireRequestAdmin(
  store: Store,
  identity: Pick<Identity, "tid" | "oid">,
  requestId: string,
): Promise<{ actor: OrgActor; organizationId: string }> {
  if (!isGuid(requestId)) throw notFound("request_not_found", "No such request.");
  const request = await store.models.JoinRequest.findByPk(requestId, { attributes: ["organizationId"], raw: true });
  if (!request) throw notFound("request_not_found", "No such request.");
  const actor = await requireOrgAdmin(store, identity, request.organizationId);
  return { actor, organizationId: request.organizationId };
}
