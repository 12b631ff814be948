import type { OrganizationKind } from "../../store/types.js";
import { notAuthorized } from "./scim-problems.js";
import { credentialIdOf, secretMatches } from "./provisioning-secret.js";
import type { CommandContext } from "../command-context.js";

/** What a valid provisioning secret allows: the users of one linked tenant, for one organization. */
export interface ProvisioningScope {
  credentialId: string;
  organizationId: string;
  organizationKind: OrganizationKind;
  tid: string;
}

/** Entra records last use lazily: one write per credential per this interval is plenty for "last used". */
const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * Resolves `Authorization: Bearer <secret>` to a scope, or throws 401. The link must still exist: an
 * unlinked tenant's secret stops working even where the database does not cascade (SQLite).
 */
export async function authenticateProvisioner(ctx: CommandContext<"store" | "now">, input: { authorization: string | undefined }): Promise<ProvisioningScope> {
  const now = ctx.now();
  const { store } = ctx;
  const match = /^Bearer ([^\s]{1,200})$/i.exec(input.authorization?.trim() ?? "");
  const secret = match?.[1];
  const credentialId = secret ? credentialIdOf(secret) : null;
  if (!secret || !credentialId) throw notAuthorized();
  const { ProvisioningCredential, TenantLink, Organization } = store.models;
  const credential = await ProvisioningCredential.findByPk(credentialId, { raw: true });
  if (!credential || !secretMatches(secret, credential.secretHash)) throw notAuthorized();
  const link = await TenantLink.findOne({ where: { id: credential.tenantLinkId, organizationId: credential.organizationId }, attributes: ["id"], raw: true });
  const org = await Organization.findByPk(credential.organizationId, { attributes: ["id", "kind"], raw: true });
  if (!link || !org) throw notAuthorized();
  const lastUsed = credential.lastUsedAt ? new Date(credential.lastUsedAt).getTime() : 0;
  if (now.getTime() - lastUsed > LAST_USED_RESOLUTION_MS) {
    await ProvisioningCredential.update({ lastUsedAt: now }, { where: { id: credential.id } });
  }
  return { credentialId: credential.id, organizationId: org.id, organizationKind: org.kind, tid: credential.tid };
}
