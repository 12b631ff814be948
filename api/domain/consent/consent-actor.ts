import type { Transaction } from "sequelize";
import type { AppContext } from "../../context.js";
import type { ConsentStateRow } from "../../store/models.js";

/**
 * Who an admin-consent outcome is credited to. A pop-up is used by the admin who opened it. The link
 * for IT is used by someone else: Entra's redirect names no person, only the tenant, and only a tenant
 * administrator can grant — so a success is credited to "a Global Administrator of <tenant>", never
 * to the org admin who sent the link.
 */
export async function consentActor(
  deps: Pick<AppContext, "store">,
  input: { stored: ConsentStateRow | null; linkForIt: boolean; succeeded: boolean; tenantLabel: string | null },
  transaction: Transaction,
): Promise<{ userId: string | null; name: string | null }> {
  const { stored, linkForIt, succeeded, tenantLabel } = input;
  if (linkForIt) {
    const tenant = tenantLabel ?? "the tenant";
    return { userId: null, name: succeeded ? `A Global Administrator of ${tenant}` : `Someone with the consent link for ${tenant}` };
  }
  if (!stored?.initiatedByUserId) return { userId: null, name: null };
  const user = await deps.store.models.User.findByPk(stored.initiatedByUserId, { attributes: ["displayName"], transaction, raw: true });
  return { userId: stored.initiatedByUserId, name: user?.displayName ?? null };
}
