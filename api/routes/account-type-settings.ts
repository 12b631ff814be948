import { getAccountTypeSettings } from "../domain/account-type-settings/get-account-type-settings.js";
import { saveAccountTypeSettings } from "../domain/account-type-settings/save-account-type-settings.js";
import { accountTypeSettingsEndpoints } from "../../contract/account-type-settings.js";
import { defineRoute } from "../http/route.js";
import type { AppContext } from "../context.js";

const tags = ["account-type-settings"];

/** Settings → Account types (docs/spec.md §5): group rules and confirmation of self-chosen teachers, org admins only. */
export const accountTypeSettingsRoutes = (deps: AppContext) => [
  defineRoute({
    ...accountTypeSettingsEndpoints.get,
    summary: "Group rules (in the order sign-in tries them) and whether self-chosen teachers wait for confirmation",
    tags,
    auth: "orgAdmin",
    problems: [403, 404],
    async handler({ params }) {
      return { body: await getAccountTypeSettings(deps, { organizationId: params.orgId }) };
    },
  }),
  defineRoute({
    ...accountTypeSettingsEndpoints.save,
    summary: "Replace the group rules and the confirmation setting; audited as settings.changed",
    tags,
    auth: "orgAdmin",
    problems: [400, 403, 404],
    async handler({ params, body, actor }) {
      const settings = await saveAccountTypeSettings(deps, {
        organizationId: params.orgId,
        actor,
        ...body,
      });
      return { body: settings };
    },
  }),
];
