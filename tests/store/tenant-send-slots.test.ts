import { QueryTypes } from "sequelize";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../api/log.js";
import { openStore, type Store } from "../../api/store/store.js";
import { reserveTenantSendSlot } from "../../api/store/tenant-send-slots.js";
import { TENANT_GAP_MS } from "../../api/store/tenant-pace.js";
import { freshDatabase, type TestDatabase } from "../helpers/databases.js";

const log = createLogger("silent");
const TID = "c0a70650-0000-4000-8000-000000000001";
const OTHER_TID = "c0a70650-0000-4000-8000-000000000002";

const countIn = (times: number[], from: number, ms: number) => times.filter((t) => t >= from && t < from + ms).length;
const busiest = (times: number[], ms: number) => Math.max(...times.map((t) => countIn(times, t, ms)));

/** The tenant pace every instance shares: two stores are two instances' connection pools on one PostgreSQL. */
describe.skipIf(!process.env.TEST_DATABASE_URL)("tenant send slots shared through PostgreSQL", () => {
  let db: TestDatabase;
  let instances: Store[];

  beforeAll(async () => {
    db = await freshDatabase("postgres");
    instances = [await openStore(db.database, log), await openStore(db.database, log)];
  });
  afterAll(async () => {
    for (const store of instances ?? []) await store.close();
    await db?.drop();
  });

  it("concurrent reservations from two instances never put more than 47 in any sliding second", async () => {
    const slots: number[] = [];
    // Each instance reserves from 6 connections at once, 25 each: 300 slots, about 6 s ahead.
    await Promise.all(
      instances.flatMap((store) =>
        Array.from({ length: 6 }, async () => {
          for (let i = 0; i < 25; i++) slots.push((await reserveTenantSendSlot(store.sequelize, { tid: TID, notBeforeMs: 0, perSecond: 47 })).at);
        }),
      ),
    );
    const sorted = [...slots].sort((a, b) => a - b);
    expect(new Set(sorted).size).toBe(300);
    expect(busiest(sorted, 1_000)).toBeLessThanOrEqual(47);
    expect(Math.min(...sorted.slice(1).map((t, i) => t - sorted[i]!))).toBeGreaterThanOrEqual(TENANT_GAP_MS - 1e-3);
    // Still close to 47 a second: the shared pace costs the tenant no throughput.
    expect((sorted.length - 1) / ((sorted[sorted.length - 1]! - sorted[0]!) / 1000)).toBeGreaterThanOrEqual(45);
  });

  it("another tenant's sends do not wait behind a busy tenant's", async () => {
    const { waitMs } = await reserveTenantSendSlot(instances[1]!.sequelize, { tid: OTHER_TID, notBeforeMs: 0, perSecond: 47 });
    expect(waitMs).toBeLessThan(5);
  });

  it("places a slot no earlier than asked, and forgets slots older than a second", async () => {
    const tid = "c0a70650-0000-4000-8000-000000000003";
    const first = await reserveTenantSendSlot(instances[0]!.sequelize, { tid, notBeforeMs: 0, perSecond: 47 });
    const later = await reserveTenantSendSlot(instances[1]!.sequelize, { tid, notBeforeMs: 250, perSecond: 47 });
    expect(later.waitMs).toBeGreaterThan(200); // 250 from the database's reading, less the answer's way back
    expect(later.at - first.at).toBeGreaterThanOrEqual(250);
    await new Promise((resolve) => setTimeout(resolve, 1_300));
    await reserveTenantSendSlot(instances[0]!.sequelize, { tid, notBeforeMs: 0, perSecond: 47 });
    const rows = await instances[0]!.sequelize.query<{ n: string }>("SELECT count(*) AS n FROM tenant_send_slots WHERE tid = :tid", { replacements: { tid }, type: QueryTypes.SELECT });
    expect(Number(rows[0]!.n)).toBe(1);
  });
});
