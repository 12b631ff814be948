import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { Sequelize, Transaction } from "sequelize";
import type { Logger } from "../log.js";
import type { Config } from "../config.js";

/** How long a SQLite writer waits for the lock before giving up (docs/spec.md §10: busy timeout). */
const SQLITE_BUSY_TIMEOUT_MS = 15_000;

type SqliteConnection = { configure(option: "busyTimeout", ms: number): void; __rosterlinkConfigured?: boolean };

/**
 * Sequelize opens a new SQLite connection for each transaction and offers no hook for it, so
 * the busy timeout is set on every connection as it is handed out. Without it a second writer
 * fails at once with SQLITE_BUSY instead of waiting its turn.
 */
function applySqliteBusyTimeout(sequelize: Sequelize): void {
  const manager = sequelize.connectionManager as unknown as { getConnection(o?: unknown): Promise<SqliteConnection> };
  const original = manager.getConnection.bind(manager);
  manager.getConnection = async (options?: unknown) => {
    const connection = await original(options);
    if (!connection.__rosterlinkConfigured) {
      connection.configure("busyTimeout", SQLITE_BUSY_TIMEOUT_MS);
      connection.__rosterlinkConfigured = true;
    }
    return connection;
  };
}

export async function openDatabase(database: Config["database"], log: Logger): Promise<Sequelize> {
  const logging = (sql: string) => log.trace({ sql: sql.slice(0, 500) }, "sql");
  if (database.dialect === "postgres") {
    const sequelize = new Sequelize(database.url, {
      dialect: "postgres",
      logging,
      pool: { max: 10, min: 0, idle: 10_000, acquire: 30_000 },
      define: { underscored: true },
    });
    await sequelize.authenticate();
    return sequelize;
  }

  if (database.path !== ":memory:") mkdirSync(dirname(database.path), { recursive: true });
  const sequelize = new Sequelize({
    dialect: "sqlite",
    storage: database.path,
    logging,
    // BEGIN IMMEDIATE takes the write lock up front, so two sign-ins cannot both read "no user"
    // and then deadlock upgrading their locks.
    transactionType: Transaction.TYPES.IMMEDIATE,
    define: { underscored: true },
  });
  applySqliteBusyTimeout(sequelize);
  // WAL lets readers (the returning-member fast path) run while a writer holds the lock.
  await sequelize.query("PRAGMA journal_mode = WAL");
  await sequelize.query("PRAGMA synchronous = NORMAL");
  return sequelize;
}
