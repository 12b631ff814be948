import sqlite3 from "sqlite3";
import { QueryTypes, type Sequelize } from "sequelize";

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
const ACCOUNT_SQL = `
SELECT u.id, u.display_name AS "displayName", u.email, u.account_type AS "accountType",
       u.account_type_source AS "accountTypeSource", u.teacher_confirmation_pending AS "teacherConfirmationPending",
       u.join_offer_hidden_until AS "joinOfferHiddenUntil", m.is_admin AS "isAdmin", o.id AS "organizationId",
       o.name AS "organizationName", o.kind AS "organizationKind", o.plan AS "organizationPlan",
       o.confirm_self_chosen_teachers AS "confirmSelfChosenTeachers", tl.status AS "tenantLinkStatus",
       u.last_seen_on AS "lastSeenOn", m.account_type_recheck AS "accountTypeRecheck"
  FROM users u
  LEFT JOIN memberships m ON m.user_id = u.id
  LEFT JOIN organizations o ON o.id = m.organization_id
  LEFT JOIN tenant_links tl ON tl.tid = u.tid
 WHERE u.tid = $tid AND u.oid = $oid`;

/** Readers in parallel: libuv's pool has four threads, and one must stay free for the writer. */
const SQLITE_READERS = 3;

/**
 * The returning member's sign-in (docs/spec.md §4) is one indexed read, and it is the hot path of the whole
 * product. Through Sequelize it shares one serialized SQLite connection with every write and pays
 * query building on each call; here it runs as a prepared statement on read-only connections of
 * its own, which WAL lets read alongside the writer. PostgreSQL pools connections already.
 */
export async function createAccountReader(sequelize: Sequelize, sqlitePath?: string): Promise<AccountReader> {
  if (sequelize.getDialect() !== "sqlite" || !sqlitePath || sqlitePath === ":memory:") {
    return {
      read: async (who) =>
        (await sequelize.query<AccountRow>(ACCOUNT_SQL.replace("$tid", ":tid").replace("$oid", ":oid"), {
          replacements: who,
          type: QueryTypes.SELECT,
        }))[0],
      close: async () => undefined,
    };
  }

  const lanes = await Promise.all(
    Array.from({ length: SQLITE_READERS }, async () => {
      const db = await new Promise<sqlite3.Database>((resolve, reject) => {
        const opened: sqlite3.Database = new sqlite3.Database(sqlitePath, sqlite3.OPEN_READONLY, (error) =>
          error ? reject(error) : resolve(opened),
        );
      });
      db.configure("busyTimeout", 5_000);
      const statement = await new Promise<sqlite3.Statement>((resolve, reject) => {
        const prepared: sqlite3.Statement = db.prepare(ACCOUNT_SQL, (error) => (error ? reject(error) : resolve(prepared)));
      });
      return { db, statement, busy: 0 };
    }),
  );

  return {
    read(who) {
      // The least busy lane: a slow read does not hold up the ones behind it.
      const lane = lanes.reduce((a, b) => (b.busy < a.busy ? b : a));
      lane.busy++;
      return new Promise<AccountRow | undefined>((resolve, reject) => {
        lane.statement.get({ $tid: who.tid, $oid: who.oid }, (error: Error | null, row: AccountRow | undefined) => {
          lane.busy--;
          if (error) reject(error);
          else resolve(row);
        });
      });
    },
    async close() {
      await Promise.all(
        lanes.map(
          (lane) =>
            new Promise<void>((resolve) => lane.statement.finalize(() => lane.db.close(() => resolve()))),
        ),
      );
    },
  };
}
