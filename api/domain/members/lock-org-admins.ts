import type { Transaction } from "sequelize";
import type { Store } from "../../store/store.js";

/**
 * The organization's admins, read inside the transaction that may change them. On PostgreSQL the rows
 * are locked FOR UPDATE: of two admins demoting each other at once, the second waits, re-reads, and
 * sees one admin left. SQLite transactions take turns in-process, so the plain read is already exclusive.
 */
export async function lockOrgAdmins(store: Store, organizationId: string, transaction: Transaction): Promise<Set<string>> {
  const admins = await store.models.Membership.findAll({
    where: { organizationId, isAdmin: true },
    attributes: ["id", "userId"],
    order: [["id", "ASC"]],
    transaction,
    ...(store.dialect === "postgres" ? { lock: transaction.LOCK.UPDATE } : {}),
    raw: true,
  });
  return new Set(admins.map((a) => a.userId));
}
