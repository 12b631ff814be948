import { useState } from "react";
import { Badge, Button, Field, Subtitle2, Text, Textarea } from "@fluentui/react-components";
import { Panel } from "../../components/panel.js";
import type { TenantLinkView } from "../../../../contract/microsoft365.js";
import { ConsentButton } from "../../components/consent-button.js";
import { strings } from "../../strings.js";
import { UnlinkTenantButton } from "./unlink-tenant-button.js";

const BADGE_COLOR = {
  active: "success",
  active_without_roster: "informative",
  awaiting_consent: "warning",
  needs_attention: "danger",
  not_linked: "subtle",
} as const;

export function StatusBadge({ status }: { status: TenantLinkView["status"] }) {
  return (
    <Badge appearance="tint" color={BADGE_COLOR[status]} data-testid="link-status">
      {strings.statuses[status] ?? status}
    </Badge>
  );
}

/** One linked tenant: its status and what to do next, the consent button, the message for the GA (SPEC §3.5, §3.8). */
export function TenantCard({ orgId, tenant, onConsent, onUnlinked }: {
  orgId: string;
  tenant: TenantLinkView;
  onConsent: (outcome: string) => void;
  onUnlinked: (message: string) => void;
}) {
  const [copied, setCopied] = useState(false);
  const copy = async (text: string) => {
    await navigator.clipboard?.writeText(text).catch(() => undefined);
    setCopied(true);
  };
  return (
    <Panel>
      <Subtitle2 as="h3">
        {tenant.domain ?? tenant.tid} <StatusBadge status={tenant.status} />
      </Subtitle2>
      <Text size={200}>{tenant.tid}</Text>
      <Text as="p">
        <strong>{strings.settings.nextStep}: </strong>
        {tenant.nextStep}
        {tenant.attentionCode ? ` (${tenant.attentionCode})` : ""}
      </Text>
      {tenant.askAdmin && (
        <>
          <ConsentButton url={tenant.askAdmin.consentUrl} onDone={onConsent} />
          <Field label={strings.settings.askAdminHeading} hint={strings.settings.askAdminHint}>
            <Textarea readOnly resize="vertical" rows={6} value={tenant.askAdmin.message} />
          </Field>
          <div>
            <Button onClick={() => void copy(tenant.askAdmin!.message)}>{copied ? strings.settings.copied : strings.settings.copy}</Button>
          </div>
        </>
      )}
      <UnlinkTenantButton orgId={orgId} tenant={tenant} onUnlinked={onUnlinked} />
    </Panel>
  );
}
