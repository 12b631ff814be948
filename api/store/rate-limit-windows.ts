import { QueryTypes, type Sequelize } from "sequelize";

export interface WindowHit {
  /** Hits in the current window, this one included. */
  hits: number;
  /** When the current window ends (epoch ms). */
  endsAt: number;
}

// One statement, so concurrent hits on any number of instances serialize on the row and none is
// lost: a later window starts the count at 1, anything else adds 1 (an instance whose clock lags a
// little counts into the newer window rather than resetting it). Both dialects speak this upsert.
// The leading comment matters: Sequelize's SQLite dialect runs SQL starting with "INSERT INTO"
// without reading rows back, which would drop RETURNING's row.
const HIT_SQL = `/* rate limit window */
INSERT INTO rate_limit_windows (key, window_start, hits) VALUES (:key, :window, 1)
ON CONFLICT (key) DO UPDATE SET
  hits = CASE WHEN excluded.window_start > rate_limit_windows.window_start THEN 1 ELSE rate_limit_windows.hits + 1 END,
  window_start = CASE WHEN excluded.window_start > rate_limit_windows.window_start
                      THEN excluded.window_start ELSE rate_limit_windows.window_start END
RETURNING hits, window_start AS "windowStart"`;

/** Counts one hit on `key` in the fixed window that contains `now`, shared through the database. */
export async function hitWindow(sequelize: Sequelize, key: string, windowMs: number, now: number): Promise<WindowHit> {
  const window = Math.floor(now / windowMs);
  const rows = await sequelize.query<{ hits: number | string; windowStart: number | string }>(HIT_SQL, {
    replacements: { key, window },
    type: QueryTypes.SELECT,
  });
  const row = rows[0]!;
  return { hits: Number(row.hits), endsAt: (Number(row.windowStart) + 1) * windowMs };
}
