import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONTOSO_TID, FABRIKAM_TID, personas } from "../../sandbox/fixtures/index.js";
import { stableId } from "../../api/domain/seed.js";
import { issuedProvisioningSecret, provisioningView } from "../../contract/provisioning.js";
import { startTestApp, type ApiAnswer, type TestApp } from "../helpers/app.js";
import { DATABASE_KINDS } from "../helpers/databases.js";

const contoso = stableId(`org:${CONTOSO_TID}`);
const fabrikam = stableId(`org:${FABRIKAM_TID}`);
const PRINCIPAL = "principal@contoso.example";
const FABRIKAM_ADMIN = "principal@fabrikam.example";
const ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error";
const PATCH_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
const oidOf = (upn: string) => personas.find((p) => p.upn === upn)!.oid;
/** An Entra object id for someone who has never signed in to RosterLink. */
const newOid = (n: number) => `c0a70500-b000-4000-8000-${n.toString(16).padStart(12, "0")}`;

const entraUser = (n: number, extra: Record<string, unknown> = {}) => ({
  schemas: ["urn:ietf:params:scim:schemas:core:2.0:User", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
  externalId: newOid(n),
  userName: `learner${n}@contoso.example`,
  active: true,
  displayName: `Learner ${n}`,
  title: "Year 9",
  emails: [{ primary: true, type: "work", value: `learner${n}@contoso.example` }],
  name: { formatted: `Learner ${n}`, familyName: `${n}`, givenName: "Learner" },
  "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": { department: "Year 9" },
  ...extra,
});

/** SCIM 2.0 as Entra's provisioning service uses it, over real HTTP (docs/provisioning.md). */
describe.each(DATABASE_KINDS)("SCIM provisioning endpoint (%s)", (database) => {
  let t: TestApp;
  let secret: string;
  let fabrikamSecret: string;
  beforeAll(async () => {
    t = await startTestApp({ database, env: { RATE_LIMIT_FAILED_TOKENS_PER_ADDRESS: "40" } });
  });
  afterAll(() => t?.close());

  const scim = (method: string, path: string, options: { body?: unknown; token?: string; contentType?: string } = {}) =>
    t.call(method, `/scim/v2${path}`, {
      token: options.token ?? secret,
      body: options.body,
      headers: options.body === undefined ? {} : { "content-type": options.contentType ?? "application/scim+json" },
    });
  const patch = (id: string, operations: unknown[], token?: string) => scim("PATCH", `/Users/${id}`, { token, body: { schemas: [PATCH_SCHEMA], Operations: operations } });
  const byUserName = async (userName: string, token?: string) => scim("GET", `/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}`, { token });
  const members = async (q: string) => (await t.call("GET", `/api/orgs/${contoso}/members?q=${encodeURIComponent(q)}`, { as: PRINCIPAL })).body.items as Array<{ userId: string; displayName: string; joinedVia: string }>;
  const audits = async () => (await t.call("GET", `/api/orgs/${contoso}/audit?limit=100`, { as: PRINCIPAL })).body.items as Array<{ action: string; channel: string; target: { id: string } | null; details: any }>;
  const expectScimError = (answer: ApiAnswer, status: number, scimType?: string) => {
    expect(answer.status).toBe(status);
    expect(answer.headers["content-type"]).toMatch(/^application\/scim\+json/);
    expect(answer.body.schemas).toEqual([ERROR_SCHEMA]);
    expect(answer.body.status).toBe(String(status));
    if (scimType) expect(answer.body.scimType).toBe(scimType);
    else expect(answer.body.scimType).toBeUndefined();
  };

  it("an admin turns provisioning on for the linked tenant and sees the secret once, then only its last characters", async () => {
    const before = await t.call("GET", `/api/orgs/${contoso}/provisioning`, { as: PRINCIPAL });
    expect(before.status).toBe(200);
    expect(provisioningView.parse(before.body)).toMatchObject({ tenantUrl: `${t.app.url}/scim/v2`, available: true, leaversRejoinAutomatically: false });
    expect(before.body.tenants).toEqual([expect.objectContaining({ tid: CONTOSO_TID, enabled: false, secretHint: null })]);

    const issued = await t.call("POST", `/api/orgs/${contoso}/provisioning/tenants/${CONTOSO_TID}/secret`, { as: PRINCIPAL });
    expect(issued.status).toBe(201);
    secret = issuedProvisioningSecret.parse(issued.body).secret;
    expect(secret.length).toBeGreaterThan(60);
    const after = await t.call("GET", `/api/orgs/${contoso}/provisioning`, { as: PRINCIPAL });
    expect(after.body.tenants[0]).toMatchObject({ enabled: true, secretHint: secret.slice(-4) });
    expect(after.text).not.toContain(secret);
    expect((await audits())[0]).toMatchObject({ action: "provisioning.enabled", channel: "tab", target: { id: CONTOSO_TID } });
    expect(t.logs.text()).not.toContain(secret);

    const other = await t.call("POST", `/api/orgs/${fabrikam}/provisioning/tenants/${FABRIKAM_TID}/secret`, { as: FABRIKAM_ADMIN });
    expect(other.status).toBe(201);
    fabrikamSecret = other.body.secret;
  });

  it("a teacher or another school's admin cannot turn it on here (404), and a tenant that is not linked is 404", async () => {
    expect((await t.call("POST", `/api/orgs/${contoso}/provisioning/tenants/${CONTOSO_TID}/secret`, { as: FABRIKAM_ADMIN })).status).toBe(404);
    expect((await t.call("POST", `/api/orgs/${contoso}/provisioning/tenants/${FABRIKAM_TID}/secret`, { as: PRINCIPAL })).body.code).toBe("tenant_link_not_found");
  });

  it("answers the discovery endpoints in SCIM's media type", async () => {
    const config = await scim("GET", "/ServiceProviderConfig");
    expect(config.status).toBe(200);
    expect(config.headers["content-type"]).toMatch(/^application\/scim\+json/);
    expect(config.body).toMatchObject({ patch: { supported: true }, filter: { supported: true, maxResults: 100 }, bulk: { supported: false } });
    expect((await scim("GET", "/Schemas")).body.Resources[0].id).toBe("urn:ietf:params:scim:schemas:core:2.0:User");
    expect((await scim("GET", "/ResourceTypes")).body.Resources[0]).toMatchObject({ id: "User", endpoint: "/Users" });
  });

  it("Entra's test connection (a userName nobody has) gets an empty list", async () => {
    const answer = await byUserName("b3f1a8e0-0000-4000-8000-000000000000");
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ schemas: ["urn:ietf:params:scim:api:messages:2.0:ListResponse"], totalResults: 0, startIndex: 1, itemsPerPage: 0, Resources: [] });
  });

  it("finds a member who signed in before, by userName in any case and by externalId, as the same account", async () => {
    const found = await byUserName(PRINCIPAL.toUpperCase());
    expect(found.body.totalResults).toBe(1);
    expect(found.body.Resources[0]).toMatchObject({ externalId: oidOf(PRINCIPAL), userName: PRINCIPAL, active: true, displayName: "Priya Patel (Principal)" });
    const byExternalId = await scim("GET", `/Users?filter=${encodeURIComponent(`externalId eq "${oidOf(PRINCIPAL)}"`)}`);
    expect(byExternalId.body.Resources[0].id).toBe(found.body.Resources[0].id);
    expect((await scim("GET", `/Users/${found.body.Resources[0].id}`)).body.userName).toBe(PRINCIPAL);
  });

  it("creates a person who never signed in as a member, audited with the channel provisioning; a second POST conflicts", async () => {
    const created = await scim("POST", "/Users", { body: entraUser(1) });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ externalId: newOid(1), userName: "learner1@contoso.example", displayName: "Learner 1", active: true });
    expect(created.headers.location).toBe(`${t.app.url}/scim/v2/Users/${created.body.id}`);
    expect(created.body.title).toBeUndefined();
    expect((await members("Learner 1"))[0]).toMatchObject({ userId: created.body.id, joinedVia: "provisioning" });
    expect((await audits())[0]).toMatchObject({ action: "member.joined", channel: "provisioning", target: { id: created.body.id } });

    const again = await scim("POST", "/Users", { body: entraUser(1) });
    expectScimError(again, 409, "uniqueness");
  });

  it("a person Entra sent before their first sign-in gets their type detected at that sign-in, as the same account", async () => {
    const student = "student@contoso.example";
    const created = await scim("POST", "/Users", { body: { userName: student, externalId: oidOf(student).toUpperCase(), displayName: "Sofia Silva", active: "True" } });
    expect(created.status).toBe(201);
    const session = await t.call("POST", "/api/session", { as: student });
    expect(session.body.user).toMatchObject({ id: created.body.id, accountType: "student", accountTypeSource: "education_api" });
    expect(session.body.membership.organization.id).toBe(contoso);
  });

  it("pages with startIndex and count, and the pages add up without repeats", async () => {
    for (const n of [2, 3, 4]) expect((await scim("POST", "/Users", { body: entraUser(n) })).status).toBe(201);
    const all = await scim("GET", "/Users?startIndex=1&count=100");
    const total = all.body.totalResults as number;
    expect(total).toBeGreaterThanOrEqual(6);
    const seen: string[] = [];
    for (let start = 1; start <= total; start += 2) {
      const page = await scim("GET", `/Users?startIndex=${start}&count=2`);
      expect(page.body).toMatchObject({ totalResults: total, startIndex: start });
      seen.push(...page.body.Resources.map((r: { id: string }) => r.id));
    }
    expect(seen).toEqual(all.body.Resources.map((r: { id: string }) => r.id));
    expect((await scim("GET", "/Users?count=0")).body).toMatchObject({ totalResults: total, itemsPerPage: 0, Resources: [] });
    expect((await scim("GET", `/Users?startIndex=${total + 5}`)).body.Resources).toEqual([]);
    // Nobody from another tenant is listed.
    expect(all.body.Resources.every((r: { userName: string }) => r.userName.endsWith("@contoso.example"))).toBe(true);
  });

  it("applies the PATCH variants Entra sends: Replace with a string boolean, Add, lower-case replace, paths and no-path objects", async () => {
    const id = (await byUserName("learner2@contoso.example")).body.Resources[0].id as string;
    const renamed = await patch(id, [
      { op: "Add", path: "displayName", value: "Learner Two" },
      { op: "Replace", path: "name.givenName", value: "Learner" },
      { op: "Add", path: 'emails[type eq "work"].value', value: "learner2@contoso.example" },
      { op: "Replace", path: "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department", value: "Year 10" },
    ]);
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ displayName: "Learner Two", active: true });

    const off = await patch(id, [{ op: "Replace", path: "active", value: "False" }]);
    expect(off.body.active).toBe(false);
    expect(await members("Learner Two")).toEqual([]);
    expect((await audits())[0]).toMatchObject({ action: "member.removed", channel: "provisioning", target: { id }, details: { displayName: "Learner Two" } });

    const back = await patch(id, [{ op: "replace", value: { active: true, displayName: "Learner 2", "name.familyName": "2" } }]);
    expect(back.body).toMatchObject({ active: true, displayName: "Learner 2" });
    expect((await members("Learner 2"))[0]!.userId).toBe(id);

    const qualified = await patch(id, [{ op: "replace", path: "urn:ietf:params:scim:schemas:core:2.0:User:active", value: false }]);
    expect(qualified.body.active).toBe(false);
    expect((await patch(id, [{ op: "Replace", path: "active", value: "True" }])).body.active).toBe(true);
  });

  it("PUT replaces the kept attributes; externalId cannot change", async () => {
    const id = (await byUserName("learner3@contoso.example")).body.Resources[0].id as string;
    const replaced = await scim("PUT", `/Users/${id}`, { body: entraUser(3, { displayName: "Learner Three", userName: "learner.three@contoso.example" }) });
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({ displayName: "Learner Three", userName: "learner.three@contoso.example", active: true });
    expectScimError(await scim("PUT", `/Users/${id}`, { body: entraUser(9) }), 400, "mutability");
  });

  const malformed: Array<[string, () => Promise<ApiAnswer>, string]> = [
    ["a body that is not JSON", () => scim("POST", "/Users", { body: "{ not json" }), "invalidSyntax"],
    ["a JSON array", () => scim("POST", "/Users", { body: [entraUser(20)] }), "invalidSyntax"],
    ["an externalId that is not an object id", () => scim("POST", "/Users", { body: entraUser(21, { externalId: "learner21" }) }), "invalidValue"],
    ["no userName", () => scim("POST", "/Users", { body: entraUser(22, { userName: undefined }) }), "invalidValue"],
    ["active that is not a boolean", () => scim("POST", "/Users", { body: entraUser(23, { active: "maybe" }) }), "invalidValue"],
    ["a display name of 300 characters", () => scim("POST", "/Users", { body: entraUser(24, { displayName: "x".repeat(300) }) }), "invalidValue"],
    ["a filter on another attribute", () => scim("GET", `/Users?filter=${encodeURIComponent('displayName co "Learner"')}`), "invalidFilter"],
    ["a filter that does not parse", () => scim("GET", `/Users?filter=${encodeURIComponent('userName eq "unterminated')}`), "invalidFilter"],
    ["a count that is not a number", () => scim("GET", "/Users?count=many"), "invalidValue"],
  ];

  it.each(malformed)("%s is 400 with its scimType, and nothing changes", async (_, send, scimType) => {
    const before = await t.app.store.models.User.count();
    const membersBefore = await t.app.store.models.Membership.count();
    expectScimError(await send(), 400, scimType);
    expect({ users: await t.app.store.models.User.count(), members: await t.app.store.models.Membership.count() }).toEqual({ users: before, members: membersBefore });
  });

  const badPatches: Array<[string, unknown, string]> = [
    ["no Operations", { schemas: [PATCH_SCHEMA] }, "invalidSyntax"],
    ["an unknown op", { schemas: [PATCH_SCHEMA], Operations: [{ op: "Merge", path: "active", value: false }] }, "invalidSyntax"],
    ["active as a number", { schemas: [PATCH_SCHEMA], Operations: [{ op: "Replace", path: "active", value: 0 }] }, "invalidValue"],
    ["a no-path op whose value is a string", { schemas: [PATCH_SCHEMA], Operations: [{ op: "Replace", value: "False" }] }, "invalidSyntax"],
    ["a valid op followed by a bad one", { schemas: [PATCH_SCHEMA], Operations: [{ op: "Replace", path: "active", value: false }, { op: "Replace", path: "userName", value: 7 }] }, "invalidValue"],
  ];

  it.each(badPatches)("a PATCH with %s is 400 and changes nothing", async (_, body, scimType) => {
    const id = (await byUserName("learner4@contoso.example")).body.Resources[0].id as string;
    expectScimError(await scim("PATCH", `/Users/${id}`, { body }), 400, scimType);
    expect((await scim("GET", `/Users/${id}`)).body).toMatchObject({ active: true, userName: "learner4@contoso.example" });
  });

  it("another organization's secret cannot see or touch these people (404), nor list them", async () => {
    const id = (await byUserName("learner4@contoso.example")).body.Resources[0].id as string;
    expectScimError(await scim("GET", `/Users/${id}`, { token: fabrikamSecret }), 404);
    expectScimError(await patch(id, [{ op: "Replace", path: "active", value: "False" }], fabrikamSecret), 404);
    expectScimError(await scim("DELETE", `/Users/${id}`, { token: fabrikamSecret }), 404);
    expect((await byUserName("learner4@contoso.example", fabrikamSecret)).body.totalResults).toBe(0);
    expectScimError(await scim("GET", "/Users/not-a-guid"), 404);
    expect((await scim("GET", `/Users/${id}`)).body.active).toBe(true);
  });

  it("a leaver who signed in before is not joined again by their next sign-in, unless the organization allows it", async () => {
    const first = await t.call("POST", "/api/session", { as: "teacher@contoso.example" });
    expect(first.body.membership.organization.id).toBe(contoso);
    const off = await patch(first.body.user.id, [{ op: "Replace", path: "active", value: "False" }]);
    expect(off.body.active).toBe(false);

    const again = await t.call("POST", "/api/session", { as: "teacher@contoso.example" });
    expect(again.body.membership).toBeNull();
    expect(again.body.user.id).toBe(first.body.user.id);

    const allowed = await t.call("PUT", `/api/orgs/${contoso}/provisioning/leavers`, { as: PRINCIPAL, body: { leaversRejoinAutomatically: true } });
    expect(allowed.body.leaversRejoinAutomatically).toBe(true);
    expect((await audits())[0]).toMatchObject({ action: "settings.changed", details: { leaversRejoinAutomatically: { from: false, to: true } } });
    const rejoined = await t.call("POST", "/api/session", { as: "teacher@contoso.example" });
    expect(rejoined.body.membership.organization.id).toBe(contoso);
    expect((await scim("GET", `/Users/${first.body.user.id}`)).body.active).toBe(true);
    await t.call("PUT", `/api/orgs/${contoso}/provisioning/leavers`, { as: PRINCIPAL, body: { leaversRejoinAutomatically: false } });
  });

  it("DELETE removes the membership and the SCIM resource; the account stays the person's", async () => {
    const session = await t.call("POST", "/api/session", { as: "teacher@contoso.example" });
    const id = session.body.user.id as string;
    const deleted = await scim("DELETE", `/Users/${id}`);
    expect(deleted.status).toBe(204);
    expectScimError(await scim("GET", `/Users/${id}`), 404);
    expect((await byUserName("teacher@contoso.example")).body.totalResults).toBe(0);
    expect((await audits())[0]).toMatchObject({ action: "member.removed", channel: "provisioning", target: { id } });
    const after = await t.call("POST", "/api/session", { as: "teacher@contoso.example" });
    expect(after.body).toMatchObject({ user: { id }, membership: null });
    // Assigned again in Entra: the same account comes back.
    const back = await scim("POST", "/Users", { body: { userName: "teacher@contoso.example", externalId: oidOf("teacher@contoso.example"), active: true } });
    expect(back.status).toBe(201);
    expect(back.body.id).toBe(id);
  });

  it("the organization's last admin is not removed by the directory", async () => {
    const office = await byUserName("office@contoso.example");
    expect((await patch(office.body.Resources[0].id, [{ op: "Replace", path: "active", value: false }])).status).toBe(200);
    const principal = await byUserName(PRINCIPAL);
    expectScimError(await patch(principal.body.Resources[0].id, [{ op: "Replace", path: "active", value: false }]), 409);
    expect((await scim("GET", `/Users/${principal.body.Resources[0].id}`)).body.active).toBe(true);
    expect((await patch(office.body.Resources[0].id, [{ op: "Replace", path: "active", value: true }])).body.active).toBe(true);
  });

  it("a rotated secret replaces the old one at once, and turning provisioning off revokes it (401)", async () => {
    const rotated = await t.call("POST", `/api/orgs/${contoso}/provisioning/tenants/${CONTOSO_TID}/secret`, { as: PRINCIPAL });
    expectScimError(await byUserName(PRINCIPAL), 401);
    secret = rotated.body.secret;
    expect((await byUserName(PRINCIPAL)).status).toBe(200);
    const off = await t.call("DELETE", `/api/orgs/${contoso}/provisioning/tenants/${CONTOSO_TID}`, { as: PRINCIPAL });
    expect(off.body.tenants[0]).toMatchObject({ enabled: false });
    expectScimError(await byUserName(PRINCIPAL), 401);
    expect((await audits()).slice(0, 2).map((a) => a.action)).toEqual(["provisioning.disabled", "provisioning.secret_rotated"]);
  });

  it("no secret, a made-up one or an app token is 401 in SCIM's format", async () => {
    const noSecret = await t.call("GET", "/scim/v2/Users");
    expectScimError(noSecret, 401);
    expectScimError(await byUserName(PRINCIPAL, `rlscim_${"0".repeat(32)}_${"A".repeat(43)}`), 401);
    expectScimError(await byUserName(PRINCIPAL, await t.token(PRINCIPAL)), 401);
  });

  it("too many failed secrets from one address are refused with 429 for a while", async () => {
    let last: ApiAnswer | undefined;
    // The limit (40) counts per fixed minute: if a minute ends during the loop the count starts again, so the
    // loop may need up to twice the limit before the 429 (it was 45 tries, and failed when a minute ended).
    for (let i = 0; i < 2 * 40 + 5; i++) {
      last = await byUserName(PRINCIPAL, "wrong");
      if (last.status === 429) break;
    }
    expectScimError(last!, 429);
    expect(Number(last!.headers["retry-after"])).toBeGreaterThan(0);
    expect((await scim("GET", "/Users", { token: fabrikamSecret })).status).toBe(429);
  });

  it("never answered with a 500", () => {
    expect(t.logs.text()).not.toContain("SCIM request failed");
    expect(t.logs.text()).not.toContain("unhandled error");
  });
});
