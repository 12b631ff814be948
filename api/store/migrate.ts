import { DataTypes, type Sequelize } from "sequelize";
import { MIGRATIONS } from "./migrations/index.js";
import type { Logger } from "../log.js";

const TABLE = "rosterlink_migrations";
// Any constant works; it only has to be the same for every instance of the app.
const PG_MIGRATION_LOCK = 4_207_007;

/**
 * Applies pending migrations in order. On PostgreSQL an advisory lock makes several instances
 * starting together take turns; SQLite is a single instance by definition (docs/spec.md §10).
 */
export async function migrate(sequelize: Sequelize, log: Logger): Promise<void> {
  const postgres = sequelize.getDialect() === "postgres";
  const qi = sequelize.getQueryInterface();
  const run = async () => {
    await qi.createTable(TABLE, {
      name: { type: DataTypes.STRING(200), primaryKey: true },
      applied_at: { type: DataTypes.DATE, allowNull: false },
    });
    const [rows] = await sequelize.query(`SELECT name FROM ${TABLE}`);
    const applied = new Set((rows as Array<{ name: string }>).map((r) => r.name));
    for (const migration of MIGRATIONS) {
      if (applied.has(migration.name)) continue;
      await migration.up(qi);
      await qi.bulkInsert(TABLE, [{ name: migration.name, applied_at: new Date() }]);
      log.info({ migration: migration.name }, "migration applied");
    }
  };
  if (!postgres) return run();

  // The lock lives as long as this transaction; the migrations themselves run on other pooled
  // connections while it is held, and the next instance waits here until it commits.
  await sequelize.transaction(async (transaction) => {
    await sequelize.query(`SELECT pg_advisory_xact_lock(${PG_MIGRATION_LOCK})`, { transaction });
    await run();
  });
}
