import type { AnyRoute } from "../http/route.js";
import type { AppContext } from "../context.js";
import { clientConfigRoutes } from "./client-config.js";
import { healthRoutes } from "./health.js";
import { microsoft365Routes } from "./microsoft365.js";
import { consentRoutes } from "./consent.js";
import { membersRoutes } from "./members.js";
import { memberSelectionRoutes } from "./member-selections.js";
import { auditRoutes } from "./audit.js";
import { metricsRoutes } from "./metrics.js";
import { openApiRoutes } from "./openapi.js";
import { requestRoutes } from "./requests.js";
import { sessionRoutes } from "./session.js";
import { meRoutes } from "./me.js";
import { accountTypeSettingsRoutes } from "./account-type-settings.js";
import { provisioningRoutes } from "./provisioning.js";

/** Every API route, one module per resource. The OpenAPI document is built from this list. */
export function apiRoutes(deps: AppContext): AnyRoute[] {
  const routes: AnyRoute[] = [
    ...healthRoutes(deps),
    ...clientConfigRoutes(deps),
    ...microsoft365Routes(deps),
    ...consentRoutes(deps),
    ...membersRoutes(deps),
    ...memberSelectionRoutes(deps),
    ...auditRoutes(deps),
    ...metricsRoutes(deps),
    ...requestRoutes(deps),
    ...sessionRoutes(deps),
    ...meRoutes(deps),
    ...accountTypeSettingsRoutes(deps),
    ...provisioningRoutes(deps),
  ];
  return [...routes, ...openApiRoutes(() => routes)];
}
