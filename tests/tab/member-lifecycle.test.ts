import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { appAndBrowserForThisFile, expectAccessibleInBothThemes, openInTeams, screenshot } from "../helpers/browser.js";
import { CONTOSO_ORG, CONTOSO_TID } from "../api/requests-factory.js";

const env = appAndBrowserForThisFile();
const ADMIN = "principal@contoso.example";
const DAY = 24 * 60 * 60 * 1000;

/** docs/spec.md §4 and §8 in the tab: re-checks of account types, and members who stopped signing in. */
describe("member lifecycle in the tab", () => {
  it("an admin asks for a re-check and the student, now staff in the directory, is a teacher after their next sign-in", async () => {
    const joined = await env.app.call("POST", "/api/session", { as: "student@contoso.example" });
    expect(joined.body.user).toMatchObject({ accountType: "student", accountTypeSource: "education_api" });

    const admin = await (await env.browser.newContext()).newPage();
    const tab = await openInTeams(admin, env.app.sandbox.httpUrl, ADMIN, { tab: "admin" });
    await tab.getByRole("tab", { name: "Members" }).click();
    await tab.getByRole("searchbox", { name: "Search members by name or email" }).fill("Sofia");
    await tab.waitForFunction(() => document.querySelectorAll("tbody tr").length === 1);
    await tab.getByRole("button", { name: "More actions for Sofia Silva" }).click();
    await tab.getByRole("menuitem", { name: "Re-check at next sign-in" }).click();
    const dialog = tab.getByRole("dialog");
    await dialog.getByText("Re-check the account type of Sofia Silva?").waitFor();
    await dialog.getByRole("button", { name: "Re-check at next sign-in" }).click();
    await tab.getByRole("status").getByText("1 member will be re-checked at their next sign-in.").waitFor();
    await tab.getByRole("row", { name: /Sofia Silva/ }).getByText("Re-check at next sign-in").waitFor();
    await screenshot(admin, "members-recheck-requested");

    // The school's directory now says Sofia is staff; RosterLink reads it only when she signs in.
    await env.app.sandboxCall("PUT", "/sandbox/graph/profile/student@contoso.example", { educationRole: "teacher", licenses: ["M365EDU_A3_FACULTY"] });
    const student = await (await env.browser.newContext()).newPage();
    const home = await openInTeams(student, env.app.sandbox.httpUrl, "student@contoso.example");
    await expect(home.getByTestId("account-type").textContent()).resolves.toMatch(/^Teacher/);

    await tab.getByRole("tab", { name: "Activity" }).click();
    await tab.getByText("Account type re-checked at sign-in").waitFor();
    await tab.getByRole("tab", { name: "Members" }).click();
    await tab.getByRole("searchbox", { name: "Search members by name or email" }).fill("Sofia");
    const row = tab.getByRole("row", { name: /Sofia Silva/ });
    await row.getByText("Education data").waitFor();
    await expect(row.getByRole("combobox", { name: "Account type of Sofia Silva" }).inputValue()).resolves.toBe("teacher");
    await expect(row.getByText("Re-check at next sign-in").count()).resolves.toBe(0);
  });

  it("an admin filters members not seen for 90 days and removes them in one step after confirming", async () => {
    const { User, Membership } = env.app.app.store.models;
    // People who stopped signing in, aged through the store; one who signed in last week stays.
    const build = async (displayName: string, seenDaysAgo: number) => {
      const user = await User.create({
        tid: CONTOSO_TID, oid: randomUUID(), displayName, email: null, accountType: "student", accountTypeSource: "user_choice",
        lastSeenOn: new Date(Date.now() - seenDaysAgo * DAY).toISOString().slice(0, 10),
      });
      await Membership.create({ organizationId: CONTOSO_ORG, userId: user.id, isAdmin: false, joinedVia: "auto_join" });
      return user.id;
    };
    const gone = [await build("Lena Left", 200), await build("Leo Left", 120)];
    const recent = await build("Rita Recent", 7);

    const page = await (await env.browser.newContext()).newPage();
    const tab = await openInTeams(page, env.app.sandbox.httpUrl, ADMIN, { tab: "admin" });
    await tab.getByRole("tab", { name: "Members" }).click();
    await tab.getByRole("row", { name: /Rita Recent/ }).waitFor();
    const filtered = page.waitForResponse((r) => r.url().includes("inactiveDays=90"));
    await tab.getByRole("combobox", { name: "Show" }).selectOption({ label: "Not seen for 90 days" });
    await filtered;
    await tab.getByRole("row", { name: /Lena Left/ }).waitFor();
    await expect(tab.getByRole("row", { name: /Rita Recent/ }).count()).resolves.toBe(0);
    await expectAccessibleInBothThemes(page, tab, "members-inactive");

    await tab.getByRole("checkbox", { name: "Select Lena Left" }).check();
    await tab.getByRole("checkbox", { name: "Select Leo Left" }).check();
    await tab.getByRole("button", { name: "Remove selected (2)" }).click();
    const dialog = tab.getByRole("dialog");
    await dialog.getByText("Remove 2 members?").waitFor();
    await screenshot(page, "members-remove-selected");
    await dialog.getByRole("button", { name: "Remove selected (2)" }).click();
    await tab.getByRole("status").getByText("2 members removed.").waitFor();
    await expect(tab.getByRole("row", { name: /Lena Left|Leo Left/ }).count()).resolves.toBe(0);

    expect(await Membership.count({ where: { userId: gone } })).toBe(0);
    expect(await User.count({ where: { id: gone } })).toBe(2);
    expect(await Membership.count({ where: { userId: recent } })).toBe(1);
    const activity = (await env.app.call("GET", `/api/orgs/${CONTOSO_ORG}/audit?limit=100`, { as: ADMIN })).body.items as Array<{ action: string; target: { id: string } | null }>;
    expect(activity.filter((e) => e.action === "member.removed" && gone.includes(e.target?.id ?? ""))).toHaveLength(2);
  });
});
