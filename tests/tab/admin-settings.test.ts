import { describe, expect, it } from "vitest";
import { CONTOSO_TID, FABRIKAM_TID, GROUPS } from "../../sandbox/fixtures/index.js";
import { stableId } from "../../api/domain/seed.js";
import { appAndBrowserForThisFile, expectAccessibleInBothThemes, openInTeams, reloadTeams } from "../helpers/browser.js";

const env = appAndBrowserForThisFile();
const CONTOSO = stableId(`org:${CONTOSO_TID}`);
const FABRIKAM = stableId(`org:${FABRIKAM_TID}`);
const PRINCIPAL = "principal@contoso.example";


describe("account type settings, teacher confirmation and unlinking in the tab", () => {
  it("Contoso's admin adds a group rule and turns confirmation on, and finds both saved after a reload", async () => {
    const page = await (await env.browser.newContext()).newPage();
    let tab = await openInTeams(page, env.app.sandbox.httpUrl, PRINCIPAL, { tab: "admin" });
    await tab.getByText("No group rules yet", { exact: false }).waitFor();

    await tab.getByRole("button", { name: "Add group rule" }).click();
    await tab.getByRole("textbox", { name: "Group ID of rule 1" }).fill("not a group");
    await tab.getByRole("button", { name: "Save account type settings" }).click();
    await tab.getByText("Correct the highlighted rules before saving.").waitFor();

    await tab.getByRole("textbox", { name: "Group ID of rule 1" }).fill(GROUPS.contosoTeachers);
    await tab.getByRole("combobox", { name: "Account type of rule 1" }).selectOption("teacher");
    await tab.getByRole("spinbutton", { name: "Priority of rule 1" }).fill("10");
    await tab.getByRole("switch", { name: /wait for an admin to confirm/ }).check();
    await tab.getByRole("button", { name: "Save account type settings" }).click();
    await tab.getByText("Account type settings saved.").waitFor();
    await expectAccessibleInBothThemes(page, tab, "a11y-admin-account-types");

    tab = await reloadTeams(page);
    await tab.getByRole("textbox", { name: "Group ID of rule 1" }).waitFor();
    expect(await tab.getByRole("textbox", { name: "Group ID of rule 1" }).inputValue()).toBe(GROUPS.contosoTeachers);
    expect(await tab.getByRole("combobox", { name: "Account type of rule 1" }).inputValue()).toBe("teacher");
    expect(await tab.getByRole("spinbutton", { name: "Priority of rule 1" }).inputValue()).toBe("10");
    expect(await tab.getByRole("switch", { name: /wait for an admin to confirm/ }).isChecked()).toBe(true);

    const saved = await env.app.call("GET", `/api/orgs/${CONTOSO}/account-type-settings`, { as: PRINCIPAL });
    expect(saved.body).toMatchObject({ confirmSelfChosenTeachers: true, groupRules: [{ groupId: GROUPS.contosoTeachers, accountType: "teacher", priority: 10 }] });
  }, 60_000);

  it("an admin confirms a self-chosen teacher who waits, from Members", async () => {
    await env.app.call("PUT", `/api/orgs/${CONTOSO}/account-type-settings`, { as: PRINCIPAL, body: { confirmSelfChosenTeachers: true, groupRules: [] } });
    await env.app.call("POST", "/api/session", { as: "nosignal@contoso.example" });
    const chosen = await env.app.call("PUT", "/api/me/account-type", { as: "nosignal@contoso.example", body: { accountType: "teacher" } });
    expect(chosen.body.user).toMatchObject({ teacherConfirmationPending: true });

    const page = await (await env.browser.newContext()).newPage();
    const tab = await openInTeams(page, env.app.sandbox.httpUrl, PRINCIPAL, { tab: "admin" });
    await tab.getByRole("tab", { name: "Members" }).click();
    const row = tab.getByRole("row", { name: /Noah Nash/ });
    await row.getByText("Waiting for confirmation").waitFor();
    await expectAccessibleInBothThemes(page, tab, "a11y-admin-members-waiting");

    await row.getByRole("button", { name: "Confirm as teacher" }).click();
    await row.getByText("Set by an admin").waitFor();
    expect(await row.getByText("Waiting for confirmation").count()).toBe(0);
    const session = await env.app.call("POST", "/api/session", { as: "nosignal@contoso.example" });
    expect(session.body.user).toMatchObject({ accountType: "teacher", accountTypeSource: "admin", teacherConfirmationPending: false });
  }, 60_000);

  it("an admin unlinks a tenant after a confirmation that says members stay", async () => {
    const page = await (await env.browser.newContext()).newPage();
    const tab = await openInTeams(page, env.app.sandbox.httpUrl, "principal@fabrikam.example", { tab: "admin" });
    const unlink = tab.getByRole("button", { name: /^Unlink / });
    await unlink.waitFor();
    await unlink.click();
    const dialog = tab.getByRole("dialog");
    await dialog.getByText("stays a member").waitFor();
    await expectAccessibleInBothThemes(page, tab, "a11y-admin-unlink-dialog");
    await dialog.getByRole("button", { name: "Unlink" }).click();
    await tab.getByText(/is unlinked\. \d+ members? stays? in the organization\./).waitFor();

    const settings = await env.app.call("GET", `/api/orgs/${FABRIKAM}/microsoft365`, { as: "principal@fabrikam.example" });
    expect(settings.body).toMatchObject({ status: "not_linked", tenants: [] });
  }, 60_000);
});
