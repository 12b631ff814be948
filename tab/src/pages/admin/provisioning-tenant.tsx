import { useState } from "react";
import { Badge, Button, MessageBar, MessageBarBody, MessageBarTitle, Subtitle2, Text, makeStyles } from "@fluentui/react-components";
import type { ProvisioningView } from "../../../../contract/provisioning.js";
import { Panel } from "../../components/panel.js";
import { ErrorView } from "../../components/state-views.js";
import { strings } from "../../strings.js";
import { ProvisioningConfirmButton } from "./provisioning-confirm-button.js";
import { ProvisioningCopyField } from "./provisioning-copy-field.js";

const useStyles = makeStyles({ actions: { display: "flex", flexWrap: "wrap", gap: "8px" } });
const day = (iso: string) => new Date(iso).toLocaleDateString();

/**
 * One linked tenant's provisioning: off, or on with the secret's last four characters. A secret just
 * issued is shown here once (it lives only in this page's memory; a reload drops it for good).
 */
export function ProvisioningTenant({ tenant, secret, onIssue, onTurnOff, onSecretCopied }: {
  tenant: ProvisioningView["tenants"][number];
  secret: string | null;
  onIssue(): Promise<void>;
  onTurnOff(): Promise<void>;
  onSecretCopied(): void;
}) {
  const t = strings.provisioning;
  const styles = useStyles();
  const name = tenant.domain ?? tenant.tid;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const turnOn = async () => {
    setBusy(true);
    setError(null);
    try {
      await onIssue();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Panel>
      <Subtitle2 as="h4">
        {name}{" "}
        <Badge appearance="tint" color={tenant.enabled ? "success" : "subtle"} data-testid="provisioning-status" aria-label={`${t.statusLabel(name)}: ${tenant.enabled ? t.on : t.off}`}>
          {tenant.enabled ? t.on : t.off}
        </Badge>
      </Subtitle2>
      {tenant.enabled && (
        <Text as="p" size={200}>
          {tenant.secretHint && `${t.secretEnding(tenant.secretHint)} `}
          {tenant.enabledAt && `${t.enabledOn(day(tenant.enabledAt))} `}
          {tenant.lastUsedAt ? t.lastUsed(day(tenant.lastUsedAt)) : t.neverUsed}
        </Text>
      )}
      {secret && (
        <MessageBar intent="warning" layout="multiline" data-testid="provisioning-secret-once">
          <MessageBarBody className="stack">
            <MessageBarTitle>{t.secretTitle}</MessageBarTitle>
            <Text as="p">{t.secretBody}</Text>
            <ProvisioningCopyField label={t.secretField(name)} value={secret} copyLabel={t.copySecret} testId="provisioning-secret" />
            <div>
              <Button onClick={onSecretCopied}>{t.secretDone}</Button>
            </div>
          </MessageBarBody>
        </MessageBar>
      )}
      {error !== null && <ErrorView error={error} />}
      <div className={styles.actions}>
        {tenant.enabled ? (
          <>
            <ProvisioningConfirmButton text={t.rotate} label={t.rotateLabel(name)} title={t.rotateTitle(name)} body={t.rotateBody} onConfirm={onIssue} />
            <ProvisioningConfirmButton text={t.turnOff} label={t.turnOffLabel(name)} title={t.turnOffTitle(name)} body={t.turnOffBody} onConfirm={onTurnOff} />
          </>
        ) : (
          <Button appearance="primary" aria-label={t.turnOnLabel(name)} disabled={busy} onClick={() => void turnOn()}>
            {t.turnOn}
          </Button>
        )}
      </div>
    </Panel>
  );
}
