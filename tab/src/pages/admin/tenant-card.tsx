import { Badge, Subtitle2, Text } from "@fluentui/react-components";
import { Panel } from "../../components/panel.js";
import type { TenantLinkView } from "../../../../contract/microsoft365.js";
import { strings } from "../../strings.js";
import { useApp } from "../../app-context.js";
import { ConsentActions } from "./consent-actions.js";
import { RosterSwitch } from "./roster-switch.js";
import { TenantPermissions } from "./tenant-permissions.js";
import { UnlinkTenantButton } from "./unlink-tenant-button.js";

const BADGE_COLOR = {
  active: "success",
  active_without_roster: "informative",
  awaiting_consent: "warning",
  needs_attention: "danger",
  not_linked: "subtle",
} as const;

export function StatusBadge({ status }: { status: TenantLinkView["status"] }) {
  const kind = useApp().session.membership?.organization.kind;
  const words = (kind === "elearning" ? strings.statuses[`${status}_elearning`] : undefined) ?? strings.statuses[status] ?? status;
  return (
    <Badge appearance="tint" color={BADGE_COLOR[status]} data-testid="link-status">
      {words}
    </Badge>
  );
}

const needsConsent = (tenant: TenantLinkView) => tenant.status !== "active" && !(tenant.status === "active_without_roster" && !tenant.rosterData);

/**
 * One linked tenant (docs/spec.md §3.5, §3.8): its status in words, with Microsoft's code only in a details
 * line; who joins and who asks; the roster-data switch; the permissions and why; consent actions.
 */
export function TenantCard({ orgId, tenant, onConsent, onUnlinked, onChanged }: {
  orgId: string;
  tenant: TenantLinkView;
  onConsent: (outcome: string) => void;
  onUnlinked: (message: string) => void;
  onChanged: () => void;
}) {
  const s = strings.tenantLink;
  return (
    <Panel>
      <Subtitle2 as="h3">
        {tenant.domain ?? tenant.tid} <StatusBadge status={tenant.status} />
      </Subtitle2>
      <Text size={200}>{tenant.tid}</Text>
      <Text as="p" data-testid="next-step">
        <strong>{strings.settings.nextStep}: </strong>
        {tenant.nextStep}
      </Text>
      {tenant.attentionCode && (
        <Text as="p" size={200} data-testid="status-details">
          {s.details(tenant.attentionCode)}
        </Text>
      )}
      <div>
        <Subtitle2 as="h4">{s.whoJoinsHeading}</Subtitle2>
        <ul>
          <li>{tenant.status === "active" || tenant.status === "active_without_roster" ? s.whoJoinsActive : s.whoJoinsLater}</li>
          {tenant.waitingToJoin > 0 && <li data-testid="waiting-to-join">{s.waiting(tenant.waitingToJoin)}</li>}
          <li>{s.whoAsks}</li>
          <li>{s.neverJoin}</li>
        </ul>
      </div>
      <RosterSwitch orgId={orgId} tenant={tenant} onConsent={onConsent} onChanged={onChanged} />
      <TenantPermissions tenant={tenant} />
      {needsConsent(tenant) && <ConsentActions orgId={orgId} tenant={tenant} onConsent={onConsent} />}
      <UnlinkTenantButton orgId={orgId} tenant={tenant} onUnlinked={onUnlinked} />
    </Panel>
  );
}
