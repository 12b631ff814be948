import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../api/log.js";
import { openStore, isUniqueViolation, type Store } from "../../api/store/store.js";
import { DATABASE_KINDS, freshDatabase, type TestDatabase } from "../helpers/databases.js";

const log = createLogger("silent");
const TID = "c0a70500-0000-4000-8000-000000000001";

describe.each(DATABASE_KINDS)("the store on %s", (kind) => {
  let db: TestDatabase;
  let store: Store;

  beforeAll(async () => {
    db = await freshDatabase(kind);
    store = await openStore(db.database, log);
  });
  afterAll(async () => {
    await store?.close();
    await db?.drop();
  });

  async function organization(name = "Contoso High School") {
    return store.models.Organization.create({ name, kind: "school", plan: "school" });
  }

  it("migrates an existing database again without changing it", async () => {
    const again = await openStore(db.database, log);
    const [rows] = await again.sequelize.query("SELECT name FROM rosterlink_migrations");
    expect((rows as unknown[]).length).toBeGreaterThan(0);
    await again.close();
  });

  it("20 concurrent first creations of one person leave exactly one user row", async () => {
    const oid = "00000000-0000-4000-8000-00000000a001";
    const attempts = await Promise.allSettled(
      Array.from({ length: 20 }, () =>
        store.transaction((transaction) =>
          store.models.User.create({ tid: TID, oid, displayName: "Ada Teacher" }, { transaction }),
        ),
      ),
    );
    const created = attempts.filter((a) => a.status === "fulfilled");
    const refused = attempts.filter((a) => a.status === "rejected");
    expect(created).toHaveLength(1);
    expect(refused).toHaveLength(19);
    for (const r of refused) expect(isUniqueViolation((r as PromiseRejectedResult).reason)).toBe(true);
    expect(await store.models.User.count({ where: { tid: TID, oid } })).toBe(1);
  });

  it("identifies people by (tid, oid): the same oid in another tenant is another person", async () => {
    const oid = "00000000-0000-4000-8000-00000000a002";
    await store.models.User.create({ tid: TID, oid, displayName: "One" });
    await store.models.User.create({ tid: "fab00000-0000-4000-8000-000000000002", oid, displayName: "Two" });
    expect(await store.models.User.count({ where: { oid } })).toBe(2);
  });

  it("links a tenant to at most one organization", async () => {
    const [a, b] = [await organization("A"), await organization("B")];
    const tid = "90d70000-0000-4000-8000-000000000003";
    await store.models.TenantLink.create({ organizationId: a.id, tid, status: "awaiting_consent", rosterRequested: true });
    await expect(
      store.models.TenantLink.create({ organizationId: b.id, tid, status: "awaiting_consent", rosterRequested: true }),
    ).rejects.toSatisfy(isUniqueViolation);
  });

  it("keeps one pending join request per organization and person, but any number of decided ones", async () => {
    const org = await organization("Requests");
    const user = await store.models.User.create({ tid: TID, oid: "00000000-0000-4000-8000-00000000a003", displayName: "Req" });
    const expiresAt = new Date(Date.now() + 30 * 86_400_000);
    const attempts = await Promise.allSettled(
      Array.from({ length: 10 }, () =>
        store.models.JoinRequest.create({ organizationId: org.id, userId: user.id, status: "pending", expiresAt }),
      ),
    );
    expect(attempts.filter((a) => a.status === "fulfilled")).toHaveLength(1);
    await store.models.JoinRequest.update({ status: "rejected" }, { where: { userId: user.id } });
    await store.models.JoinRequest.create({ organizationId: org.id, userId: user.id, status: "pending", expiresAt });
    expect(await store.models.JoinRequest.count({ where: { userId: user.id } })).toBe(2);
  });

  it("gives a person at most one organization", async () => {
    const [a, b] = [await organization("M1"), await organization("M2")];
    const user = await store.models.User.create({ tid: TID, oid: "00000000-0000-4000-8000-00000000a004", displayName: "Mem" });
    await store.models.Membership.create({ organizationId: a.id, userId: user.id, joinedVia: "auto_join" });
    await expect(
      store.models.Membership.create({ organizationId: b.id, userId: user.id, joinedVia: "auto_join" }),
    ).rejects.toSatisfy(isUniqueViolation);
  });

  it("rolls a transaction back whole when one of its writes fails", async () => {
    const org = await organization("Atomic");
    const oid = "00000000-0000-4000-8000-00000000a005";
    await expect(
      store.transaction(async (transaction) => {
        const user = await store.models.User.create({ tid: TID, oid, displayName: "Half" }, { transaction });
        await store.models.Membership.create({ organizationId: org.id, userId: user.id, joinedVia: "auto_join" }, { transaction });
        await store.models.Membership.create({ organizationId: org.id, userId: user.id, joinedVia: "auto_join" }, { transaction });
      }),
    ).rejects.toSatisfy(isUniqueViolation);
    expect(await store.models.User.count({ where: { oid } })).toBe(0);
  });
});
