import { Op, literal, type WhereOptions } from "sequelize";
import type { JoinRequestPage, ListJoinRequestsQuery } from "../../../contract/requests.js";
import { badRequest } from "../../errors.js";
import type { JoinRequestRow } from "../../store/models.js";
import type { Store } from "../../store/store.js";
import type { CommandContext } from "../command-context.js";
import { presentJoinRequests } from "./present-join-request.js";

export interface ListJoinRequestsInput extends ListJoinRequestsQuery {
  organizationId: string;
}

/** Open requests (pending and not yet expired) come first, then everything else; newest first within each. */
type Phase = "open" | "closed";
interface Cursor { p: Phase; c: string; i: string }

const encode = (cursor: Cursor) => Buffer.from(JSON.stringify(cursor)).toString("base64url");
function decode(value: string): Cursor {
  try {
    const cursor = JSON.parse(Buffer.from(value, "base64url").toString("utf8")) as Cursor;
    if ((cursor.p === "open" || cursor.p === "closed") && !Number.isNaN(Date.parse(cursor.c)) && typeof cursor.i === "string") return cursor;
  } catch {
    /* fall through */
  }
  throw badRequest("invalid_cursor", "The cursor is not one this list handed out.");
}

function phaseWhere(phase: Phase, now: Date): WhereOptions<JoinRequestRow> {
  return phase === "open"
    ? { status: "pending", expiresAt: { [Op.gte]: now } }
    : { [Op.or]: [{ status: { [Op.ne]: "pending" } }, { expiresAt: { [Op.lt]: now } }] };
}

function statusWhere(status: ListJoinRequestsQuery["status"], now: Date): WhereOptions<JoinRequestRow> {
  if (!status) return {};
  if (status === "pending") return phaseWhere("open", now);
  if (status === "expired") return { [Op.or]: [{ status: "expired" }, { status: "pending", expiresAt: { [Op.lt]: now } }] };
  return { status };
}

/** Search by name or email without loading people: a subquery on users, patterns stripped of wildcards. */
function searchWhere(store: Store, q: string | undefined): WhereOptions<JoinRequestRow> {
  const term = q?.toLowerCase().replace(/[%_\\]/g, "").trim();
  if (!term) return {};
  const pattern = store.sequelize.escape(`%${term}%`);
  return {
    userId: { [Op.in]: literal(`(SELECT id FROM users WHERE lower(display_name) LIKE ${pattern} OR lower(email) LIKE ${pattern})`) },
  };
}

/** `GET /api/orgs/:orgId/requests`: a page of requests, pending first, then newest (docs/spec.md §6, §8). */
export async function listJoinRequests(ctx: CommandContext<"store" | "now">, input: ListJoinRequestsInput): Promise<JoinRequestPage> {
  const now = ctx.now();
  const { store } = ctx;
  const { organizationId, limit } = input;
  const { JoinRequest } = store.models;
  const base: WhereOptions<JoinRequestRow> = {
    [Op.and]: [{ organizationId }, statusWhere(input.status, now), searchWhere(store, input.q)],
  };
  const cursor = input.cursor ? decode(input.cursor) : undefined;
  const phases: Phase[] = cursor?.p === "closed" ? ["closed"] : ["open", "closed"];
  const rows: Array<JoinRequestRow & { phase: Phase }> = [];
  for (const phase of phases) {
    const after = cursor && cursor.p === phase
      ? { [Op.or]: [{ createdAt: { [Op.lt]: new Date(cursor.c) } }, { createdAt: new Date(cursor.c), id: { [Op.lt]: cursor.i } }] }
      : {};
    const found = await JoinRequest.findAll({
      where: { [Op.and]: [base, phaseWhere(phase, now), after] },
      order: [["createdAt", "DESC"], ["id", "DESC"]],
      limit: limit + 1 - rows.length,
      raw: true,
    });
    rows.push(...found.map((row) => ({ ...row, phase })));
    if (rows.length > limit) break;
  }
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const nextCursor = rows.length > limit && last ? encode({ p: last.phase, c: new Date(last.createdAt).toISOString(), i: last.id }) : null;
  const total = await JoinRequest.count({ where: base });
  return { items: await presentJoinRequests(store.models, page, now), nextCursor, total };
}
