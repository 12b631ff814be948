import { col, fn, literal, Op, where, type WhereOptions } from "sequelize";
import type { MembersPage } from "../../../contract/members.js";
import { badRequest } from "../../errors.js";
import type { Store } from "../../store/store.js";
import type { UserRow } from "../../store/models.js";
import { decodeCursor, encodeCursor } from "./keyset-cursor.js";
import { dayOf } from "../session/record-sign-in-day.js";
import { MEMBER_USER_ATTRIBUTES, MEMBERSHIP_ATTRIBUTES, presentMember } from "./present-member.js";
import { tenantDomains } from "./tenant-domains.js";
import type { CommandContext } from "../command-context.js";

export interface ListMembers {
  organizationId: string;
  limit: number;
  cursor?: string;
  /** Part of a name or email, case-insensitive. */
  q?: string;
  /** Only members not seen for at least this many days (docs/spec.md §8). */
  inactiveDays?: number;
}

/**
 * One page of an organization's members, ordered by name (case-insensitive) then id, so pages stay
 * stable while people join. The search matches a substring literally (no LIKE wildcards to escape).
 */
export async function listMembers(ctx: CommandContext<"store" | "now">, input: ListMembers): Promise<MembersPage> {
  const now = ctx.now();
  const { store } = ctx;
  const { User, Membership } = store.models;
  const after = decodeCursor(input.cursor, ["name", "id"] as const);
  if (input.cursor && !after) throw badRequest("invalid_cursor", "The cursor is not one this list gave out.");

  const contains = store.dialect === "postgres" ? "strpos" : "instr";
  const lowerName = fn("lower", col("display_name"));
  // A subquery rather than a list of ids: a district can have tens of thousands of members.
  const members = literal(`(SELECT user_id FROM memberships WHERE organization_id = ${store.sequelize.escape(input.organizationId)})`);
  const filters: WhereOptions<UserRow>[] = [{ id: { [Op.in]: members } }];
  if (input.q) {
    const needle = input.q.toLowerCase();
    filters.push({
      [Op.or]: [where(fn(contains, lowerName, needle), Op.gt, 0), where(fn(contains, fn("lower", col("email")), needle), Op.gt, 0)],
    });
  }
  if (input.inactiveDays !== undefined) filters.push(notSeenSince(store, input.organizationId, now, input.inactiveDays));
  const total = await User.count({ where: { [Op.and]: filters } });
  if (after) {
    filters.push({ [Op.or]: [where(lowerName, Op.gt, after.name), { [Op.and]: [where(lowerName, Op.eq, after.name), { id: { [Op.gt]: after.id } }] }] });
  }
  const users = await User.findAll({
    where: { [Op.and]: filters },
    // The sort key comes from the database, so the cursor compares exactly as ORDER BY does.
    attributes: [...MEMBER_USER_ATTRIBUTES, [lowerName, "sortName"]],
    order: [[lowerName, "ASC"], ["id", "ASC"]],
    limit: input.limit + 1,
    raw: true,
  });
  const page = users.slice(0, input.limit) as Array<(typeof users)[number] & { sortName: string }>;
  const memberships = await Membership.findAll({
    where: { organizationId: input.organizationId, userId: { [Op.in]: page.map((u) => u.id) } },
    attributes: [...MEMBERSHIP_ATTRIBUTES],
    raw: true,
  });
  const domains = await tenantDomains(store, input.organizationId);
  const byUser = new Map(memberships.map((m) => [m.userId, m]));
  const last = page.at(-1);
  return {
    items: page.filter((u) => byUser.has(u.id)).map((u) => presentMember(u, byUser.get(u.id)!, domains)),
    nextCursor: users.length > input.limit && last ? encodeCursor({ name: last.sortName, id: last.id }) : null,
    total,
  };
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Not seen for `days` days: the last sign-in day is at least that far back, or the person never signed
 * in and joined at least that long ago (someone provisioned from the directory, for instance).
 */
function notSeenSince(store: Store, organizationId: string, now: Date, days: number): WhereOptions<UserRow> {
  const cutoff = new Date(now.getTime() - days * DAY_MS);
  const joinedBefore = literal(
    `(SELECT user_id FROM memberships WHERE organization_id = ${store.sequelize.escape(organizationId)} AND created_at < ${store.sequelize.escape(cutoff)})`,
  );
  return { [Op.or]: [{ lastSeenOn: { [Op.lte]: dayOf(cutoff) } }, { [Op.and]: [{ lastSeenOn: null }, { id: { [Op.in]: joinedBefore } }] }] };
}
