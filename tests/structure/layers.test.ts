import { describe, expect, it } from "vitest";
import { ESLint } from "eslint";

// The folder arrows of docs/architecture.md are lint rules; these cases prove each one can fail, so a
// rule that stops matching (a renamed folder, a typo in a glob) is noticed here rather than by a leak.
const eslint = new ESLint({ cwd: process.cwd() });

async function restrictedImports(file: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: file });
  return (result?.messages ?? []).filter((m) => m.ruleId === "no-restricted-imports").map((m) => m.message);
}

const leaks: Array<[string, string, string]> = [
  ["a domain command importing the HTTP edge", "api/domain/members/leak.ts", 'import { defineRoute } from "../../http/route.js";'],
  ["a domain command importing a route", "api/domain/members/leak.ts", 'import { membersRoutes } from "../../routes/members.js";'],
  ["the store importing the domain", "api/store/leak.ts", 'import { recordAudit } from "../domain/audit-log/record-audit.js";'],
  ["the contract importing the store", "contract/leak.ts", 'import { PLANS } from "../api/store/types.js";'],
  ["a route importing Sequelize", "api/routes/leak.ts", 'import { Op } from "sequelize";'],
  ["the API importing the bot", "api/domain/leak.ts", 'import { mountBot } from "../../bot/index.js";'],
  ["the bot importing a route", "bot/leak.ts", 'import { membersRoutes } from "../api/routes/members.js";'],
  ["the bot querying Sequelize", "bot/leak.ts", 'import { Op } from "sequelize";'],
  ["the tab importing server code", "tab/src/leak.ts", 'import { Problem } from "../../api/errors.js";'],
  ["the sandbox importing the contract", "sandbox/leak.ts", 'import { isGuid } from "../contract/guid.js";'],
  ["auth importing the domain", "api/auth/leak.ts", 'import { requireOrgAdmin } from "../domain/policies/org-admin.js";'],
];

describe("the folders' import rules", () => {
  it.each(leaks)("refuse %s", async (_name, file, source) => {
    expect(await restrictedImports(file, `${source}\nexport {};\n`)).not.toEqual([]);
  });

  it.each([
    ["a route importing a domain command and the contract", "api/routes/ok.ts", 'import { listMembers } from "../domain/members/list-members.js";\nimport { memberView } from "../../contract/members.js";'],
    ["the tab importing the contract", "tab/src/ok.ts", 'import type { MemberView } from "../../contract/members.js";'],
    ["the store importing the contract's vocabulary", "api/store/ok.ts", 'import { PLANS } from "../../contract/vocabulary.js";'],
    ["the bot importing the context", "bot/ok.ts", 'import type { AppContext } from "../api/context.js";'],
  ])("allow %s", async (_name, file, source) => {
    expect(await restrictedImports(file, `${source}\nexport {};\n`)).toEqual([]);
  });
});

describe("the tab reaches the API only through contract/ endpoints", () => {
  const apiPathMessages = async (source: string) => {
    const [result] = await eslint.lintText(`${source}\nexport {};\n`, { filePath: "tab/src/pages/leak.ts" });
    return (result?.messages ?? []).filter((m) => m.ruleId === "no-restricted-syntax").map((m) => m.message);
  };

  it.each([
    ["a string path", 'const url = "/api/orgs/x/members";'],
    ["a template path", "const orgId = \"x\";\nconst url = `/api/orgs/${orgId}/members`;"],
  ])("refuses %s", async (_name, source) => {
    expect(await apiPathMessages(source)).not.toEqual([]);
  });

  it("allows a call through an endpoint", async () => {
    expect(await apiPathMessages('import { membersEndpoints } from "../../../contract/members.js";\nconst e = membersEndpoints.list;')).toEqual([]);
  });
});
