import { disableProvisioning } from "../domain/provisioning/disable-provisioning.js";
import { getProvisioningSettings } from "../domain/provisioning/get-provisioning-settings.js";
import { issueProvisioningSecret } from "../domain/provisioning/issue-provisioning-secret.js";
import { saveLeaverSetting } from "../domain/provisioning/save-leaver-setting.js";
import { provisioningEndpoints } from "../../contract/provisioning.js";
import { defineRoute } from "../http/route.js";
import type { AppContext } from "../context.js";

const tags = ["provisioning"];

/** Settings → Provisioning (docs/provisioning.md): the SCIM secret per linked tenant and the leaver setting. */
export const provisioningRoutes = (deps: AppContext) => [
  defineRoute({
    ...provisioningEndpoints.get,
    summary: "Entra provisioning: the tenant URL, which linked tenants have a secret, and the leaver setting",
    tags,
    auth: "orgAdmin",
    problems: [403, 404],
    async handler({ params }) {
      return { body: await getProvisioningSettings(deps, { organizationId: params.orgId, publicUrl: deps.publicUrl() }) };
    },
  }),
  defineRoute({
    ...provisioningEndpoints.issueSecret,
    summary: "Turn provisioning on for a linked tenant, or rotate its secret; the secret is shown in this answer only",
    tags,
    auth: "orgAdmin",
    problems: [403, 404],
    async handler({ params, actor }) {
      const issued = await issueProvisioningSecret(deps, {
        organizationId: params.orgId,
        actor,
        tid: params.tid,
        publicUrl: deps.publicUrl(),
      });
      return { status: 201, body: issued };
    },
  }),
  defineRoute({
    ...provisioningEndpoints.turnOff,
    summary: "Turn provisioning off for a tenant: its secret stops working at once; members stay",
    tags,
    auth: "orgAdmin",
    problems: [403, 404],
    async handler({ params, actor }) {
      const settings = await disableProvisioning(deps, {
        organizationId: params.orgId,
        actor,
        tid: params.tid,
        publicUrl: deps.publicUrl(),
      });
      return { body: settings };
    },
  }),
  defineRoute({
    ...provisioningEndpoints.saveLeavers,
    summary: "Whether a person the directory deactivated joins again on their own at their next sign-in (off by default)",
    tags,
    auth: "orgAdmin",
    problems: [400, 403, 404],
    async handler({ params, body, actor }) {
      const settings = await saveLeaverSetting(deps, {
        organizationId: params.orgId,
        actor,
        leaversRejoinAutomatically: body.leaversRejoinAutomatically,
        publicUrl: deps.publicUrl(),
      });
      return { body: settings };
    },
  }),
];
