import { createHash } from "node:crypto";
import type { Store } from "../store/store.js";
import { ADVISORY_LOCKS, takeAdvisoryLock } from "../store/advisory-lock.js";
import type { AccountType, OrganizationKind, Plan, TenantLinkStatus } from "../store/types.js";

/** Fixture data for sandbox mode: organizations, their tenant links and people who already have accounts. */
export interface SeedData {
  organizations: Array<{
    key: string;
    name: string;
    kind: OrganizationKind;
    plan: Plan;
    tenant?: { tid: string; domain: string; status: TenantLinkStatus; rosterRequested: boolean; rosterAccess: boolean; grantedScopes: string[] };
  }>;
  accounts: Array<{
    tid: string;
    oid: string;
    displayName: string;
    email: string;
    accountType: AccountType;
    /** Member of the organization with this key. */
    organizationKey?: string;
    isAdmin?: boolean;
    /** Owns an individual teacher subscription. */
    teacherSubscription?: boolean;
    /** (tid, oid) of the teacher whose subscription this student belongs to. */
    studentOf?: { tid: string; oid: string };
  }>;
}

/** Deterministic ids make seeding idempotent: the same fixture always maps to the same row. */
export function stableId(name: string): string {
  const h = createHash("sha256").update(`rosterlink-seed:${name}`).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Seeds fixtures once: rows that already exist are left exactly as they are (a tried-out sandbox keeps its state). */
export async function seedFixtures(store: Store, data: SeedData): Promise<void> {
  const { Organization, TenantLink, User, Membership, TeacherSubscription, SubscriptionStudent } = store.models;
  await store.transaction(async (transaction) => {
    // Instances sharing one database and one sandbox start together: one seeds, the others then find its rows.
    await takeAdvisoryLock(store.sequelize, transaction, ADVISORY_LOCKS.seed);
    for (const org of data.organizations) {
      const id = stableId(`org:${org.key}`);
      if (await Organization.findByPk(id, { transaction })) continue;
      await Organization.create({ id, name: org.name, kind: org.kind, plan: org.plan }, { transaction });
      if (org.tenant) {
        await TenantLink.create(
          {
            id: stableId(`link:${org.tenant.tid}`),
            organizationId: id,
            tid: org.tenant.tid,
            domain: org.tenant.domain,
            status: org.tenant.status,
            rosterRequested: org.tenant.rosterRequested,
            rosterAccess: org.tenant.rosterAccess,
            grantedScopes: org.tenant.grantedScopes.join(" "),
            consentedAt: org.tenant.status === "active" ? new Date() : null,
          },
          { transaction },
        );
      }
    }
    const userId = (a: { tid: string; oid: string }) => stableId(`user:${a.tid}:${a.oid}`);
    for (const account of data.accounts) {
      const id = userId(account);
      if (await User.findByPk(id, { transaction })) continue;
      await User.create(
        { id, tid: account.tid, oid: account.oid, displayName: account.displayName, email: account.email, accountType: account.accountType, accountTypeSource: "user_choice" },
        { transaction },
      );
      if (account.organizationKey) {
        await Membership.create(
          { organizationId: stableId(`org:${account.organizationKey}`), userId: id, isAdmin: account.isAdmin ?? false, joinedVia: "seed" },
          { transaction },
        );
      }
    }
    for (const account of data.accounts.filter((a) => a.teacherSubscription)) {
      const subscriptionId = stableId(`subscription:${userId(account)}`);
      if (await TeacherSubscription.findByPk(subscriptionId, { transaction })) continue;
      await TeacherSubscription.create({ id: subscriptionId, teacherUserId: userId(account) }, { transaction });
    }
    for (const account of data.accounts.filter((a) => a.studentOf)) {
      const studentUserId = userId(account);
      if (await SubscriptionStudent.findOne({ where: { studentUserId }, transaction })) continue;
      await SubscriptionStudent.create({ subscriptionId: stableId(`subscription:${userId(account.studentOf!)}`), studentUserId }, { transaction });
    }
  });
}
