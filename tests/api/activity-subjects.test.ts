import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { DATABASE_KINDS } from "../helpers/databases.js";
import { CONTOSO_ORG, personaUserId } from "./requests-factory.js";

interface Item { action: string; actorName: string | null; channel: string; subjectName: string | null; changes: Array<{ field: string; from: unknown; to: unknown }>; details: Record<string, unknown> | null }
const ADMIN = "principal@contoso.example";

/** Activity answers "who approved whom?": every row names its subject, changes show before and after. */
describe.each(DATABASE_KINDS)("activity rows name their subjects (%s)", (database) => {
  let t: TestApp;
  let items: Item[];
  beforeAll(async () => {
    t = await startTestApp({ database });
    const asked = await t.call("POST", "/api/me/join-request", { as: "tutor@contoso.example" });
    await t.call("POST", `/api/orgs/${CONTOSO_ORG}/requests/${asked.body.joinRequest.id}/approve`, { as: ADMIN });
    const pupil = personaUserId(t, "pupil1@contoso.example");
    await t.call("PATCH", `/api/orgs/${CONTOSO_ORG}/members/${pupil}`, { as: ADMIN, body: { accountType: "teacher" } });
    await t.call("PATCH", `/api/orgs/${CONTOSO_ORG}/members/${pupil}`, { as: ADMIN, body: { isAdmin: true } });
    items = (await t.call("GET", `/api/orgs/${CONTOSO_ORG}/audit?limit=100`, { as: ADMIN })).body.items;
  });
  afterAll(() => t?.close());

  it("an approval names the person and how many students followed", () => {
    const approved = items.find((i) => i.action === "request.approved")!;
    expect(approved).toMatchObject({ actorName: "Priya Patel (Principal)", subjectName: "Tara Tan", details: { studentsFollowed: 2, membersJoined: 3 } });
    expect(items.find((i) => i.action === "request.created")).toMatchObject({ actorName: "Tara Tan", subjectName: "Tara Tan" });
  });

  it("joins through an approval get their own rows: the teacher and each student who followed, credited to the admin", () => {
    const joined = items.filter((i) => i.action === "member.joined");
    expect(joined.map((i) => i.subjectName).sort()).toEqual(["Pat Park", "Quinn Quade", "Tara Tan"]);
    for (const row of joined) expect(row).toMatchObject({ actorName: "Priya Patel (Principal)", channel: "tab" });
    expect(joined.find((i) => i.subjectName === "Pat Park")!.details).toMatchObject({ via: "teacher_subscription", followed: "Tara Tan", accountType: "student" });
  });

  it("changes show before and after", () => {
    expect(items.find((i) => i.action === "member.account_type_changed")).toMatchObject({ subjectName: "Pat Park", changes: [{ field: "accountType", from: "student", to: "teacher" }] });
    expect(items.find((i) => i.action === "member.admin_granted")).toMatchObject({ subjectName: "Pat Park", changes: [{ field: "role", from: "member", to: "admin" }] });
  });

  it("filters by type of event, paged, and refuses an unknown type without changing anything", async () => {
    const requests = (await t.call("GET", `/api/orgs/${CONTOSO_ORG}/audit?type=requests&limit=1`, { as: ADMIN })).body;
    expect(requests.items.map((i: Item) => i.action)).toEqual(["request.approved"]);
    const second = (await t.call("GET", `/api/orgs/${CONTOSO_ORG}/audit?type=requests&limit=1&cursor=${requests.nextCursor}`, { as: ADMIN })).body;
    expect(second.items.map((i: Item) => i.action)).toEqual(["request.created"]);
    expect(second.nextCursor).toBeNull();
    const members = (await t.call("GET", `/api/orgs/${CONTOSO_ORG}/audit?type=members&limit=100`, { as: ADMIN })).body.items as Item[];
    expect(members.length).toBe(5);
    expect(members.every((i) => i.action.startsWith("member."))).toBe(true);
    const bad = await t.call("GET", `/api/orgs/${CONTOSO_ORG}/audit?type=everything`, { as: ADMIN });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe("invalid_request");
  });
});
