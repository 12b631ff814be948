import { organizationIdParams } from "../../contract/common.js";
import { accountTypeSettingsView, saveAccountTypeSettingsBody } from "../../contract/account-type-settings.js";
import { getAccountTypeSettings } from "../domain/account-type-settings/get-account-type-settings.js";
import { saveAccountTypeSettings } from "../domain/account-type-settings/save-account-type-settings.js";
import { defineRoute } from "../http/route.js";
import type { AppContext } from "../context.js";

const tags = ["account-type-settings"];

/** Settings → Account types (docs/spec.md §5): group rules and confirmation of self-chosen teachers, org admins only. */
export const accountTypeSettingsRoutes = (deps: AppContext) => [
  defineRoute({
    method: "get",
    path: "/api/orgs/:orgId/account-type-settings",
    summary: "Group rules (in the order sign-in tries them) and whether self-chosen teachers wait for confirmation",
    tags,
    auth: "orgAdmin",
    params: organizationIdParams,
    response: accountTypeSettingsView,
    problems: [403, 404],
    async handler({ params }) {
      return { body: await getAccountTypeSettings(deps.store, { organizationId: params.orgId }) };
    },
  }),
  defineRoute({
    method: "put",
    path: "/api/orgs/:orgId/account-type-settings",
    summary: "Replace the group rules and the confirmation setting; audited as settings.changed",
    tags,
    auth: "orgAdmin",
    params: organizationIdParams,
    body: saveAccountTypeSettingsBody,
    response: accountTypeSettingsView,
    problems: [400, 403, 404],
    async handler({ params, body, actor }) {
      const settings = await saveAccountTypeSettings(deps.store, {
        organizationId: params.orgId,
        actor,
        ...body,
      });
      return { body: settings };
    },
  }),
];
