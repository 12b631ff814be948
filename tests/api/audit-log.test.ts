import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NORTHWIND_TID } from "../../sandbox/fixtures/index.js";
import { stableId } from "../../api/domain/seed.js";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { submitPersonaPage } from "../helpers/sandbox-browser.js";

const northwind = stableId(`org:${NORTHWIND_TID}`);
const OWNER = "owner@northwind.example";

interface AuditItem { id: string; time: string; actorName: string | null; action: string; channel: string; target: { type: string; id: string } | null; details: Record<string, unknown> | null }

describe("the activity log", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    // Northwind's admin links the tenant, Entra's admin declines once and then accepts.
    for (const decision of ["decline", "accept"]) {
      const saved = await t.call("PUT", `/api/orgs/${northwind}/microsoft365`, { as: OWNER, body: { tenant: "northwind.example", rosterData: true } });
      const { location } = await submitPersonaPage(t.sandbox.caCertPem, saved.body.consentUrl, { upn: "admin@northwind.example", button: { name: "decision", value: decision } });
      const callback = new URL(location);
      await t.call("GET", `${callback.pathname}${callback.search}`);
    }
  });
  afterAll(() => t?.close());

  it("lists the organization's events newest first, with actor, action, channel, target and time", async () => {
    const answer = await t.call("GET", `/api/orgs/${northwind}/audit`, { as: OWNER });
    expect(answer.status).toBe(200);
    const items = answer.body.items as AuditItem[];
    expect(items.map((e) => e.action)).toEqual(["tenant.consent_granted", "tenant.link_saved", "tenant.consent_refused", "tenant.link_saved"]);
    expect(items[0]).toMatchObject({ actorName: "Nadia Novak (Owner)", channel: "consent", target: { type: "tenant", id: NORTHWIND_TID }, details: { outcome: "granted" } });
    expect(items[2]).toMatchObject({ channel: "consent", details: { outcome: "declined", aadsts: "AADSTS65004" } });
    expect(items[3]).toMatchObject({ actorName: "Nadia Novak (Owner)", channel: "tab", details: { domain: "northwind.example", rosterData: true } });
    const times = items.map((e) => Date.parse(e.time));
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it("pages with a cursor, without repeats or gaps", async () => {
    const all = (await t.call("GET", `/api/orgs/${northwind}/audit?limit=100`, { as: OWNER })).body.items as AuditItem[];
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: AuditItem[]; nextCursor: string | null } } = await t.call("GET", `/api/orgs/${northwind}/audit?limit=1${cursor ? `&cursor=${cursor}` : ""}`, { as: OWNER });
      seen.push(...page.body.items.map((e) => e.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.map((e) => e.id));
  });

  it("shows only this organization's events and refuses a made-up cursor", async () => {
    const contoso = await t.call("GET", `/api/orgs/${stableId("org:c0a70500-0000-4000-8000-000000000001")}/audit`, { as: "principal@contoso.example" });
    expect(contoso.body.items).toEqual([]);
    const bad = await t.call("GET", `/api/orgs/${northwind}/audit?cursor=eyJ0aW1lIjoieCJ9`, { as: OWNER });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe("invalid_cursor");
  });

  it("is described, with the other Microsoft 365, consent and member routes, in the OpenAPI document", async () => {
    const openapi = (await t.call("GET", "/api/openapi.json")).body;
    const expected: Array<[string, string]> = [
      ["/api/orgs/{orgId}/microsoft365", "get"],
      ["/api/orgs/{orgId}/microsoft365", "put"],
      ["/api/orgs/{orgId}/microsoft365/{tid}", "delete"],
      ["/api/consent/callback", "get"],
      ["/api/orgs/{orgId}/members", "get"],
      ["/api/orgs/{orgId}/members/{userId}", "patch"],
      ["/api/orgs/{orgId}/members/{userId}", "delete"],
      ["/api/orgs/{orgId}/audit", "get"],
    ];
    for (const [path, method] of expected) {
      const operation = openapi.paths[path]?.[method];
      expect(operation, `${method} ${path}`).toBeDefined();
      expect(operation.responses["2XX"].content, `${method} ${path}`).toBeDefined();
    }
    expect(openapi.paths["/api/orgs/{orgId}/audit"].get.responses["2XX"].content["application/json"].schema.properties.items).toBeDefined();
  });
});
