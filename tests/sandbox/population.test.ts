import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { districtTid, expectedAccountType, generatePopulation } from "../../sandbox/fixtures/index.js";
import { startSandbox, type RunningSandbox } from "../../sandbox/index.js";
import { parseLatency } from "../../sandbox/latency.js";
import { sandboxGraphClient } from "../helpers/sandbox-graph.js";
import { postJson, requestTrusting } from "../helpers/sandbox-https.js";
import { sandboxMsalClient } from "../helpers/sandbox-msal.js";
import { testApp } from "../helpers/sandbox-server.js";

describe("a generated school-sized population", () => {
  it("is the same on every run: same people, names, signals and ids", () => {
    const spec = { districts: 2, students: 300, teachers: 20 };
    const first = generatePopulation(spec);
    expect(generatePopulation(spec)).toEqual(first);
    expect(first.tenants.map((t) => t.tid)).toEqual([districtTid(1), districtTid(2)]);
    expect(first.people).toHaveLength(2 * 320);
    expect(first.admins.map((a) => a.upn)).toEqual(["admin@district1.example", "admin@district2.example"]);
    expect(new Set(first.people.map((p) => p.upn)).size).toBe(640);
    expect(new Set(first.people.map((p) => `${p.tid}/${p.oid}`)).size).toBe(640);
    // A different seed gives different names to the same accounts.
    const other = generatePopulation({ ...spec, seed: 7 });
    expect(other.people.map((p) => p.upn)).toEqual(first.people.map((p) => p.upn));
    expect(other.people.map((p) => p.displayName)).not.toEqual(first.people.map((p) => p.displayName));
  });

  it("has teachers and students with licences, groups, and mostly education roles", () => {
    const { people, tenants } = generatePopulation({ districts: 1, students: 500, teachers: 50 });
    const teachers = people.filter((p) => expectedAccountType(p) === "teacher");
    expect(teachers).toHaveLength(50);
    expect(teachers.every((p) => p.graph.licenses[0] === "M365EDU_A3_FACULTY" && p.graph.groups[0] === tenants[0]!.groups[0]!.id)).toBe(true);
    const students = people.filter((p) => expectedAccountType(p) === "student");
    expect(students.every((p) => p.graph.educationRole === null || p.graph.educationRole === "student")).toBe(true);
    const licenceOnly = people.filter((p) => p.graph.educationRole === null).length;
    expect(licenceOnly).toBeGreaterThan(20);
    expect(licenceOnly).toBeLessThan(110);
    expect(tenants[0]!.organization).toMatchObject({ plan: "district", link: "active", rosterData: true });
  });
});

describe("a sandbox with a population and Microsoft-like latency", () => {
  let sandbox: RunningSandbox;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "rosterlink-sandbox-"));
    sandbox = await startSandbox({ port: 0, dataDir, app: testApp, population: { districts: 2, students: 2000, teachers: 100 } });
  });
  afterAll(async () => {
    await sandbox.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const ssoToken = async (upn: string) => (await postJson(sandbox.caCertPem, `${sandbox.httpsUrl}/sandbox/token`, { upn })).json<{ access_token: string }>().access_token;

  it("signs generated people in, on-behalf-of works for their consented district, and Graph answers their roles", async () => {
    const teacher = generatePopulation({ districts: 2, students: 2000, teachers: 100 }).people.find((p) => p.tid === districtTid(2) && p.graph.educationRole === "teacher")!;
    const msal = sandboxMsalClient(sandbox, districtTid(2));
    const obo = await msal.acquireTokenOnBehalfOf({ oboAssertion: await ssoToken(teacher.upn), scopes: ["https://graph.microsoft.com/User.Read", "https://graph.microsoft.com/EduRoster.ReadBasic"] });
    const graph = sandboxGraphClient(sandbox, obo!.accessToken);
    expect(await graph.api("/education/me").get()).toMatchObject({ primaryRole: "teacher" });
    expect((await graph.api("/me/licenseDetails").get()).value[0].skuPartNumber).toBe("M365EDU_A3_FACULTY");
    // Generated people are found, not listed: the start page stays readable.
    const listed = (await requestTrusting(sandbox.caCertPem, `${sandbox.httpsUrl}/sandbox/personas`)).json<{ personas: Array<{ upn: string }> }>();
    expect(listed.personas.map((p) => p.upn)).toContain("admin@district2.example");
    expect(listed.personas.map((p) => p.upn)).not.toContain(teacher.upn);
  });

  it("waits before token and Graph answers as long as it is told to", async () => {
    const set = await requestTrusting(sandbox.caCertPem, `${sandbox.httpsUrl}/sandbox/latency`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(parseLatency("token=300,onBehalfOf=300,graph=300")),
    });
    expect(set.status).toBe(200);
    try {
      const started = Date.now();
      const token = await ssoToken("s00001@district1.example");
      const msal = sandboxMsalClient(sandbox, districtTid(1));
      const obo = await msal.acquireTokenOnBehalfOf({ oboAssertion: token, scopes: ["https://graph.microsoft.com/User.Read"] });
      await sandboxGraphClient(sandbox, obo!.accessToken).api("/me").get();
      // /sandbox/token is a test shortcut and not delayed; on-behalf-of and Graph are, 300 ms each.
      expect(Date.now() - started).toBeGreaterThanOrEqual(600);
    } finally {
      await requestTrusting(sandbox.caCertPem, `${sandbox.httpsUrl}/sandbox/latency`, {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(parseLatency("none")),
      });
    }
  });

  it("reads latency settings as microsoft, none or explicit ranges, and refuses nonsense", () => {
    expect(parseLatency("microsoft").onBehalfOf.max).toBeGreaterThan(0);
    expect(parseLatency("token=10-20,graph=5")).toMatchObject({ token: { min: 10, max: 20 }, graph: { min: 5, max: 5 }, onBehalfOf: { min: 0, max: 0 } });
    expect(() => parseLatency("graph=20-10")).toThrow(/backwards/);
    expect(() => parseLatency("slow")).toThrow(/expected/);
  });
});
