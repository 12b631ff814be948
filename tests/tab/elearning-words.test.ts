import { describe, expect, it } from "vitest";
import type { Frame } from "playwright-core";
import { NORTHWIND_TID } from "../../sandbox/fixtures/index.js";
import { stableId } from "../../api/domain/seed.js";
import { appAndBrowserForThisFile, expectAccessibleInBothThemes, openInTeams, reloadTeams } from "../helpers/browser.js";
import { consentThroughEntra } from "../helpers/consent.js";
import { visibleText } from "../helpers/narrow-layout.js";

const env = appAndBrowserForThisFile();
const NORTHWIND = stableId(`org:${NORTHWIND_TID}`);
const OWNER = "owner@northwind.example"; // the org admin
const IT = "admin@northwind.example"; // a tenant admin with no account yet: joins as a member once linked
const EARLIER = "newuser@northwind.example"; // had an individual account before the link: asks to join

/**
 * Words of schools that an eLearning organization must not read (docs/spec.md §1, §8: creator, learner,
 * organization). Microsoft's own permission name (EduRoster.ReadBasic) is a name, not a word, and is left alone.
 */
const SCHOOL_WORDS = /\b(teachers?|students?|schools?|roster|rosters|pupils?|class(?:es)?)\b/gi;

async function schoolWordsOn(tab: Frame, where: string): Promise<string[]> {
  const text = await visibleText(tab);
  return [...text.matchAll(SCHOOL_WORDS)].map((m) => `${where}: "…${text.slice(Math.max(0, m.index - 40), m.index + m[0].length + 20).replace(/\s+/g, " ")}…"`);
}

describe("an eLearning organization reads its own words (docs/spec.md §8)", () => {
  it("Northwind's admin and a member walk home, Settings, Members, Management requests and Activity without a school word", async () => {
    // Nina used RosterLink on her own (as an individual teacher) before Northwind linked its tenant.
    expect((await env.app.call("POST", "/api/session", { as: EARLIER })).status).toBe(200);
    expect((await env.app.call("PUT", "/api/me/account-type", { as: EARLIER, body: { accountType: "teacher" } })).status).toBe(200);
    const saved = await env.app.call("PUT", `/api/orgs/${NORTHWIND}/microsoft365`, { as: OWNER, body: { tenant: "northwind.example", rosterData: true } });
    expect((await consentThroughEntra(env.app, saved.body.consentUrl, IT)).outcome).toBe("granted");

    const found: string[] = [];

    // A member: joins at first sign-in, picks creator or learner, reads home.
    const memberPage = await (await env.browser.newContext()).newPage();
    let member = await openInTeams(memberPage, env.app.sandbox.httpUrl, IT);
    await member.getByRole("radio", { name: "Learner" }).waitFor();
    expect(await member.getByRole("radio", { name: "Teacher" }).count()).toBe(0);
    found.push(...(await schoolWordsOn(member, "member's home, picking a type")));
    await member.getByRole("radio", { name: "Creator" }).check();
    await member.getByRole("button", { name: "Continue" }).click();
    await member.getByTestId("account-type").filter({ hasText: "Creator" }).waitFor();
    found.push(...(await schoolWordsOn(member, "member's home")));
    await expectAccessibleInBothThemes(memberPage, member, "elearning-member-home");

    // Someone with an earlier account asks to join.
    const earlierPage = await (await env.browser.newContext()).newPage();
    const earlier = await openInTeams(earlierPage, env.app.sandbox.httpUrl, EARLIER);
    await earlier.getByRole("button", { name: "Ask to join" }).click();
    await earlier.getByText("Request pending").waitFor();
    // Only the organization's own words: her own type is still the individual one she chose before.
    const pending = await earlier.getByRole("status").filter({ hasText: "Request pending" }).innerText();
    expect(pending.match(SCHOOL_WORDS) ?? []).toEqual([]);

    // The admin's walk.
    const adminPage = await (await env.browser.newContext()).newPage();
    let admin = await openInTeams(adminPage, env.app.sandbox.httpUrl, OWNER);
    await admin.getByTestId("membership").waitFor();
    found.push(...(await schoolWordsOn(admin, "admin's home")));
    admin = await openInTeams(adminPage, env.app.sandbox.httpUrl, OWNER, { tab: "admin" });
    await admin.getByTestId("permissions").waitFor();
    await admin.getByRole("button", { name: "Save account type settings" }).waitFor();
    await admin.getByText(/Tenant URL|Turn on provisioning/).first().waitFor();
    found.push(...(await schoolWordsOn(admin, "Settings")));
    await expectAccessibleInBothThemes(adminPage, admin, "elearning-settings");
    await admin.getByRole("tab", { name: "Members" }).click();
    await admin.getByRole("combobox", { name: "Account type of Ned Noble (IT)" }).waitFor();
    found.push(...(await schoolWordsOn(admin, "Members")));
    await admin.getByRole("tab", { name: /Management requests/ }).click();
    await admin.getByRole("heading", { name: "Management requests" }).waitFor();
    await admin.getByRole("button", { name: "Approve Nina Nolan" }).waitFor();
    found.push(...(await schoolWordsOn(admin, "Management requests")));
    await admin.getByRole("button", { name: "Approve Nina Nolan" }).click();
    await admin.getByText(/Approved by Nadia Novak/).waitFor();
    await admin.getByRole("tab", { name: "Activity" }).click();
    await admin.getByText(/Microsoft 365 permissions granted for/).first().waitFor();
    await admin.getByText("Nina Nolan joined after approval").waitFor();
    found.push(...(await schoolWordsOn(admin, "Activity")));

    member = await reloadTeams(memberPage);
    await member.getByTestId("account-type").waitFor();
    found.push(...(await schoolWordsOn(member, "member's home after a reload")));
    const joined = await reloadTeams(earlierPage);
    await joined.getByTestId("membership").filter({ hasText: "You are a member of Northwind Learning." }).waitFor();
    found.push(...(await schoolWordsOn(joined, "home of the approved member")));

    expect(found).toEqual([]);
  }, 120_000);
});
