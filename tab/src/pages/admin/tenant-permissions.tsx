import { Subtitle2 } from "@fluentui/react-components";
import type { TenantLinkView } from "../../../../contract/microsoft365.js";
import { strings } from "../../strings.js";

/**
 * The permissions this link asks for, each with why, and whether the tenant granted it. A link that needs
 * attention lost its consent (docs/spec.md §3.8): what was granted is no longer, until it is granted again.
 */
export function TenantPermissions({ tenant }: { tenant: TenantLinkView }) {
  const s = strings.tenantLink;
  const requested = tenant.permissions.filter((p) => p.requested || p.granted);
  const lost = tenant.status === "needs_attention";
  return (
    <div>
      <Subtitle2 as="h4">{s.permissionsHeading}</Subtitle2>
      <ul data-testid="permissions">
        {requested.map((p) => (
          <li key={p.scope}>
            <code>{p.scope}</code> — {p.granted ? (lost ? s.grantedBeforeLost : s.granted) : s.notGranted}. {p.why}
          </li>
        ))}
      </ul>
    </div>
  );
}
