import type { Sequelize, Transaction } from "sequelize";

/** Advisory lock keys; any constants work as long as every instance uses the same one. */
export const ADVISORY_LOCKS = {
  seed: 4_207_600,
  /** With the tenant's hashtext as the second key (the two-key form): one tenant's send slots at a time. */
  tenantPace: 4_207_601,
} as const;

/**
 * Makes instances that run the same one-time work together take turns (PostgreSQL), holding the lock
 * until the transaction ends. SQLite is one instance and serializes transactions already: a no-op.
 */
export async function takeAdvisoryLock(sequelize: Sequelize, transaction: Transaction, key: number): Promise<void> {
  if (sequelize.getDialect() !== "postgres") return;
  await sequelize.query("SELECT pg_advisory_xact_lock(:key)", { replacements: { key }, transaction });
}
