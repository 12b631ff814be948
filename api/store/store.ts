import type { Sequelize, Transaction } from "sequelize";
import { UniqueConstraintError } from "sequelize";
import type { Config } from "../config.js";
import type { Logger } from "../log.js";
import { defineModels, type Models } from "./models.js";
import { migrate } from "./migrate.js";
import { openDatabase } from "./open-database.js";
import { createAccountReader, type AccountRow } from "./account-reader.js";

export interface Store {
  sequelize: Sequelize;
  models: Models;
  dialect: "sqlite" | "postgres";
  /** The returning member's fast path: one prepared, indexed read by (tid, oid). */
  readAccount(who: { tid: string; oid: string }): Promise<AccountRow | undefined>;
  /** Runs work in one transaction (IMMEDIATE on SQLite). */
  transaction<T>(work: (t: Transaction) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export async function openStore(database: Config["database"], log: Logger): Promise<Store> {
  const sequelize = await openDatabase(database, log);
  await migrate(sequelize, log);
  const models = defineModels(sequelize);
  const accounts = await createAccountReader(sequelize, database.dialect === "sqlite" ? database.path : undefined);
  return {
    sequelize,
    models,
    dialect: database.dialect,
    transaction: database.dialect === "sqlite" ? serialized(sequelize) : (work) => sequelize.transaction((t) => work(t)),
    readAccount: (who) => accounts.read(who),
    close: async () => {
      await accounts.close();
      await sequelize.close();
    },
  };
}

/**
 * SQLite allows one writer at a time, and node-sqlite3 waits for the lock on libuv's small thread
 * pool: with more waiting transactions than threads, the one holding the lock cannot get a thread
 * to commit and everyone waits out the busy timeout. SQLite is a single instance (docs/spec.md §10), so
 * transactions take turns in-process instead; the busy timeout still covers other processes.
 * Never start a transaction from inside another one: pass the transaction down instead.
 */
function serialized(sequelize: Sequelize): Store["transaction"] {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(work: (t: Transaction) => Promise<T>) => {
    const run = tail.then(() => sequelize.transaction((t) => work(t)));
    tail = run.catch(() => undefined);
    return run;
  };
}

/** True when a write lost a race against a unique constraint: the caller re-reads instead of failing. */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof UniqueConstraintError;
}
