import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONTOSO_TID } from "../../sandbox/fixtures/index.js";
import { stableId } from "../../api/domain/seed.js";
import { startTestApp, type TestApp } from "../helpers/app.js";

const contoso = stableId(`org:${CONTOSO_TID}`);
const officeUserId = stableId(`user:${CONTOSO_TID}:c0a70500-a000-4000-8000-000000000002`);

/**
 * Every route under /api/orgs/{orgId}, with a body that passes validation, so what answers is the
 * authorization check. The OpenAPI document is the list of routes: a new route without a row here fails.
 */
const ROUTES: Record<string, unknown> = {
  "get /api/orgs/{orgId}/microsoft365": undefined,
  "put /api/orgs/{orgId}/microsoft365": { tenant: "contoso.example", rosterData: false },
  "delete /api/orgs/{orgId}/microsoft365/{tid}": undefined,
  "patch /api/orgs/{orgId}/microsoft365/{tid}": { rosterData: false },
  "post /api/orgs/{orgId}/microsoft365/{tid}/consent": undefined,
  "post /api/orgs/{orgId}/microsoft365/{tid}/consent-link": undefined,
  "get /api/orgs/{orgId}/members": undefined,
  "patch /api/orgs/{orgId}/members/{userId}": { isAdmin: false },
  "delete /api/orgs/{orgId}/members/{userId}": undefined,
  "post /api/orgs/{orgId}/members/account-type-rechecks": { everyone: true, replaceAdminSet: true },
  "post /api/orgs/{orgId}/members/removals": { userIds: [officeUserId] },
  "get /api/orgs/{orgId}/audit": undefined,
  "get /api/orgs/{orgId}/requests": undefined,
  "post /api/orgs/{orgId}/requests/{id}/approve": undefined,
  "post /api/orgs/{orgId}/requests/{id}/reject": undefined,
  "post /api/orgs/{orgId}/requests/decisions": { decisions: [{ id: randomUUID(), decision: "approve" }] },
  "get /api/orgs/{orgId}/account-type-settings": undefined,
  "put /api/orgs/{orgId}/account-type-settings": { confirmSelfChosenTeachers: true, groupRules: [{ groupId: randomUUID(), accountType: "teacher", priority: 1 }] },
  "get /api/orgs/{orgId}/provisioning": undefined,
  "post /api/orgs/{orgId}/provisioning/tenants/{tid}/secret": undefined,
  "delete /api/orgs/{orgId}/provisioning/tenants/{tid}": undefined,
  "put /api/orgs/{orgId}/provisioning/leavers": { leaversRejoinAutomatically: true },
};

const concrete = (path: string, orgId: string) =>
  path.replace("{orgId}", orgId).replace("{userId}", officeUserId).replace("{tid}", CONTOSO_TID).replace("{id}", randomUUID());

describe("only an organization's admins reach its routes", () => {
  let t: TestApp;
  let routes: Array<[string, string]>;
  beforeAll(async () => {
    t = await startTestApp();
    // A member of Contoso who is not an admin.
    const teacher = await t.app.store.models.User.create({
      tid: CONTOSO_TID, oid: "c0a70500-a000-4000-8000-000000000004", displayName: "Contoso teacher", accountType: "teacher", accountTypeSource: "education_api",
    });
    await t.app.store.models.Membership.create({ organizationId: contoso, userId: teacher.id, isAdmin: false, joinedVia: "auto_join" });
    const openapi = await t.call("GET", "/api/openapi.json");
    routes = Object.entries(openapi.body.paths as Record<string, Record<string, unknown>>)
      .filter(([path]) => path.startsWith("/api/orgs/{orgId}"))
      .flatMap(([path, methods]) => Object.keys(methods).map((method) => [method, path] as [string, string]));
  });
  afterAll(() => t?.close());

  const snapshot = async () => {
    const { TenantLink, Membership, AuditEvent, ConsentState } = t.app.store.models;
    return {
      links: await TenantLink.findAll({ where: { organizationId: contoso }, raw: true, order: [["tid", "ASC"]] }),
      members: await Membership.findAll({ where: { organizationId: contoso }, raw: true, order: [["id", "ASC"]] }),
      audit: await AuditEvent.count(),
      states: await ConsentState.count(),
    };
  };

  it("the table names every route under /api/orgs/{orgId}", () => {
    expect(routes.map(([m, p]) => `${m} ${p}`).sort()).toEqual(Object.keys(ROUTES).sort());
  });

  const callers = [
    { who: "an admin of another organization", as: "owner@northwind.example", orgId: () => contoso, status: 404, code: "organization_not_found" },
    { who: "an admin, for an organization id that does not exist", as: "principal@contoso.example", orgId: () => randomUUID(), status: 404, code: "organization_not_found" },
    { who: "a member who is not an admin", as: "teacher@contoso.example", orgId: () => contoso, status: 403, code: "not_org_admin" },
    { who: "a caller without a token", as: undefined, orgId: () => contoso, status: 401, code: "missing_token" },
  ];

  it.each(callers)("$who gets $status from every route, and nothing changes", async ({ as, orgId, status, code }) => {
    const before = await snapshot();
    for (const [method, path] of routes) {
      const answer = await t.call(method.toUpperCase(), concrete(path, orgId()), { as, body: ROUTES[`${method} ${path}`] });
      expect({ route: `${method} ${path}`, status: answer.status, code: answer.body?.code }).toEqual({ route: `${method} ${path}`, status, code });
    }
    expect(await snapshot()).toEqual(before);
  });
});
