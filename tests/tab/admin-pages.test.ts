import { describe, expect, it } from "vitest";
import { appAndBrowserForThisFile, openInTeams, screenshot } from "../helpers/browser.js";
import { buildJoinRequest, CONTOSO_ORG, membershipOf } from "../api/requests-factory.js";

const env = appAndBrowserForThisFile();

describe("management requests in the tab", () => {
  it("an admin approves and rejects in bulk; a request decided meanwhile by another admin shows who decided it", async () => {
    const [ada, ben, cy, dee] = await Promise.all(
      ["Ada Acker", "Ben Brook", "Cy Cole", "Dee Dale"].map((displayName, i) =>
        buildJoinRequest(env.app, { displayName, detectedAccountType: i % 2 ? "student" : "teacher" }),
      ),
    );
    const page = await (await env.browser.newContext()).newPage();
    const tab = await openInTeams(page, env.app.sandbox.httpUrl, "principal@contoso.example", { tab: "admin" });
    await tab.getByRole("tab", { name: "Management requests" }).click();
    await tab.getByRole("checkbox", { name: "Select Dee Dale" }).waitFor();
    await screenshot(page, "requests-pending");

    // While Priya looks at the list, Oscar approves Cy elsewhere (the bot, another tab).
    const meanwhile = await env.app.call("POST", `/api/orgs/${CONTOSO_ORG}/requests/${cy!.requestId}/approve`, { as: "office@contoso.example" });
    expect(meanwhile.status).toBe(200);

    await tab.getByRole("checkbox", { name: "Select Ada Acker" }).check();
    await tab.getByRole("checkbox", { name: "Select Ben Brook" }).check();
    await tab.getByRole("button", { name: "Approve selected (2)" }).click();
    await tab.getByText("Approved by Priya Patel (Principal)").nth(1).waitFor();

    await tab.getByRole("checkbox", { name: "Select Cy Cole" }).check();
    await tab.getByRole("checkbox", { name: "Select Dee Dale" }).check();
    await tab.getByRole("button", { name: "Reject selected (2)" }).click();
    // Rejecting asks first (the people are told); no reason is needed.
    await tab.getByRole("dialog", { name: "Reject 2 requests?" }).getByRole("button", { name: "Reject", exact: true }).click();
    await tab.getByText("Already approved by Oscar Owens (Office)").waitFor();
    await tab.getByText("Rejected by Priya Patel (Principal)").waitFor();
    await screenshot(page, "requests-decided");

    expect(await membershipOf(env.app, ada!.userId)).toMatchObject({ organizationId: CONTOSO_ORG });
    expect(await membershipOf(env.app, ben!.userId)).toMatchObject({ organizationId: CONTOSO_ORG });
    expect(await membershipOf(env.app, cy!.userId)).toMatchObject({ organizationId: CONTOSO_ORG });
    expect(await membershipOf(env.app, dee!.userId)).toBeNull();
    const list = await env.app.call("GET", `/api/orgs/${CONTOSO_ORG}/requests`, { as: "principal@contoso.example" });
    const byId = Object.fromEntries(list.body.items.map((r: any) => [r.id, r]));
    expect(byId[cy!.requestId]).toMatchObject({ status: "approved", decidedBy: { name: "Oscar Owens (Office)" } });
    expect(byId[dee!.requestId]).toMatchObject({ status: "rejected", decidedBy: { name: "Priya Patel (Principal)" } });
  });

  it("an admin finds a member with the server's search and takes away their admin rights", async () => {
    const page = await (await env.browser.newContext()).newPage();
    const tab = await openInTeams(page, env.app.sandbox.httpUrl, "principal@contoso.example", { tab: "admin" });
    await tab.getByRole("tab", { name: "Members" }).click();
    await tab.getByRole("table").waitFor();
    const searched = page.waitForResponse((r) => r.url().includes("/members?") && r.url().includes("q=Oscar"));
    await tab.getByRole("searchbox", { name: "Search members by name or email" }).fill("Oscar");
    await searched;
    await tab.waitForFunction(() => document.querySelectorAll("tbody tr").length === 1);
    await tab.getByRole("button", { name: "More actions for Oscar Owens (Office)" }).click();
    await tab.getByRole("menuitem", { name: "Remove admin rights" }).click();
    await tab.getByRole("row", { name: /Oscar Owens/ }).getByText("Member", { exact: true }).waitFor();
    const members = await env.app.call("GET", `/api/orgs/${CONTOSO_ORG}/members?q=Oscar`, { as: "principal@contoso.example" });
    expect(members.body.items).toEqual([expect.objectContaining({ displayName: "Oscar Owens (Office)", isAdmin: false })]);
  });
});
