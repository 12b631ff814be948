import sqlite3 from "sqlite3";
import { QueryTypes, type Sequelize } from "sequelize";
import { coalesceReads, type ReadLane } from "./coalesce-reads.js";

/** One row: a user with their membership and its organization, as stored (column names aliased). */
export interface AccountRow {
  id: string;
  displayName: string;
  email: string | null;
  accountType: string | null;
  accountTypeSource: string | null;
  teacherConfirmationPending: boolean | number;
  joinOfferHiddenUntil: Date | string | null;
  isAdmin: boolean | number | null;
  organizationId: string | null;
  organizationName: string | null;
  organizationKind: string | null;
  organizationPlan: string | null;
  confirmSelfChosenTeachers: boolean | number | null;
  /** The status of the caller's own tenant's link, if any (a returning tenant admin needs no other read). */
  tenantLinkStatus: string | null;
  lastSeenOn: string | null;
  accountTypeRecheck: string | null;
}

export type AccountReader = {
  read(who: { tid: string; oid: string }): Promise<AccountRow | undefined>;
  close(): Promise<void>;
};

// Column names are the migrations' (0001-foundation, 0550-member-lifecycle). Values are bound, never spliced.
const COLUMNS = `
       u.id, u.display_name AS "displayName", u.email, u.account_type AS "accountType",
       u.account_type_source AS "accountTypeSource", u.teacher_confirmation_pending AS "teacherConfirmationPending",
       u.join_offer_hidden_until AS "joinOfferHiddenUntil", m.is_admin AS "isAdmin", o.id AS "organizationId",
       o.name AS "organizationName", o.kind AS "organizationKind", o.plan AS "organizationPlan",
       o.confirm_self_chosen_teachers AS "confirmSelfChosenTeachers", tl.status AS "tenantLinkStatus",
       u.last_seen_on AS "lastSeenOn", m.account_type_recheck AS "accountTypeRecheck"`;
const JOINS = `
  LEFT JOIN memberships m ON m.user_id = u.id
  LEFT JOIN organizations o ON o.id = m.organization_id
  LEFT JOIN tenant_links tl ON tl.tid = u.tid`;

/** One person's account: with SQLite's own parameters for the prepared statement, with Sequelize's replacements otherwise. */
const ACCOUNT_SQL = {
  prepared: `SELECT ${COLUMNS} FROM users u ${JOINS} WHERE u.tid = $tid AND u.oid = $oid`,
  replaced: `SELECT ${COLUMNS} FROM users u ${JOINS} WHERE u.tid = :tid AND u.oid = :oid`,
};

/**
 * The same read for many people at once: the keys drive the join, so the database walks the (tid, oid) unique
 * index once per key, and each row carries its key back. SQLite gets the keys as one JSON array of pairs.
 */
const ACCOUNTS_SQL = {
  sqlite: `WITH k(tid, oid) AS (SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each($keys))
SELECT k.tid AS "keyTid", k.oid AS "keyOid", ${COLUMNS} FROM k JOIN users u ON u.tid = k.tid AND u.oid = k.oid ${JOINS}`,
  postgres: `WITH k(tid, oid) AS (SELECT * FROM unnest(ARRAY[:tids]::varchar[], ARRAY[:oids]::varchar[]))
SELECT k.tid AS "keyTid", k.oid AS "keyOid", ${COLUMNS} FROM k JOIN users u ON u.tid = k.tid AND u.oid = k.oid ${JOINS}`,
};

type Who = { tid: string; oid: string };
type KeyedRow = AccountRow & { keyTid: string; keyOid: string };

const keyOf = (who: Who) => `${who.tid}\n${who.oid}`;
const byKey = (rows: KeyedRow[]) => new Map(rows.map(({ keyTid, keyOid, ...row }) => [keyOf({ tid: keyTid, oid: keyOid }), row as AccountRow]));

/** SQLite readers in parallel: libuv's pool has four threads, and one must stay free for the writer. */
const SQLITE_READERS = 3;
/** PostgreSQL statements in flight for this read, of the pool's 10 connections: the rest stay for writes. */
const POSTGRES_READERS = 4;
/** The most reads one statement carries; a longer queue waits for the next free reader. */
const MAX_BATCH = 64;

/**
 * The returning member's sign-in (docs/spec.md §4) is one indexed read, and it is the hot path of the whole
 * product (every /api/me call reads the same account). Under load, what cost was not the read but each
 * statement's trip: on SQLite a hop to libuv's thread pool, on PostgreSQL Sequelize, the pool and a network
 * round trip (measured in bench/RESULTS.md). So reads coalesce (coalesce-reads.ts): a few statements in
 * flight, and while they run, the reads that arrive meanwhile wait and go together in the next one.
 * On SQLite the reads run as prepared statements on read-only connections of their own, which WAL lets read
 * alongside the writer, instead of sharing Sequelize's one serialized connection with every write.
 */
export async function createAccountReader(sequelize: Sequelize, sqlitePath?: string): Promise<AccountReader> {
  if (sequelize.getDialect() === "postgres") {
    const lane: ReadLane<Who, AccountRow> = {
      one: async (who) => (await sequelize.query<AccountRow>(ACCOUNT_SQL.replaced, { replacements: who, type: QueryTypes.SELECT }))[0],
      many: async (keys) =>
        byKey(await sequelize.query<KeyedRow>(ACCOUNTS_SQL.postgres, { replacements: { tids: keys.map((k) => k.tid), oids: keys.map((k) => k.oid) }, type: QueryTypes.SELECT })),
    };
    return { read: coalesceReads(Array.from({ length: POSTGRES_READERS }, () => lane), { maxBatch: MAX_BATCH, keyOf }), close: async () => undefined };
  }
  if (!sqlitePath || sqlitePath === ":memory:") {
    // An in-memory database is private to Sequelize's one connection: read through it (tests only).
    return { read: async (who) => (await sequelize.query<AccountRow>(ACCOUNT_SQL.replaced, { replacements: who, type: QueryTypes.SELECT }))[0], close: async () => undefined };
  }

  const connections = await Promise.all(Array.from({ length: SQLITE_READERS }, () => openSqliteLane(sqlitePath)));
  return {
    read: coalesceReads(connections.map((connection) => connection.lane), { maxBatch: MAX_BATCH, keyOf }),
    close: async () => {
      await Promise.all(connections.map((connection) => connection.close()));
    },
  };
}

/** A read-only SQLite connection with both statements prepared once. */
async function openSqliteLane(path: string): Promise<{ lane: ReadLane<Who, AccountRow>; close(): Promise<void> }> {
  const db = await new Promise<sqlite3.Database>((resolve, reject) => {
    const opened: sqlite3.Database = new sqlite3.Database(path, sqlite3.OPEN_READONLY, (error) => (error ? reject(error) : resolve(opened)));
  });
  db.configure("busyTimeout", 5_000);
  const prepare = (sql: string) =>
    new Promise<sqlite3.Statement>((resolve, reject) => {
      const prepared: sqlite3.Statement = db.prepare(sql, (error) => (error ? reject(error) : resolve(prepared)));
    });
  const one = await prepare(ACCOUNT_SQL.prepared);
  const many = await prepare(ACCOUNTS_SQL.sqlite);
  return {
    lane: {
      one: (who) =>
        new Promise((resolve, reject) => one.get({ $tid: who.tid, $oid: who.oid }, (error: Error | null, row?: AccountRow) => (error ? reject(error) : resolve(row)))),
      many: (keys) =>
        new Promise((resolve, reject) =>
          many.all({ $keys: JSON.stringify(keys.map((k) => [k.tid, k.oid])) }, (error: Error | null, rows: KeyedRow[]) => (error ? reject(error) : resolve(byKey(rows)))),
        ),
    },
    close: () => new Promise<void>((resolve) => one.finalize(() => many.finalize(() => db.close(() => resolve())))),
  };
}
