import { useCallback, useEffect, useState } from "react";
import { MessageBar, MessageBarBody, Subtitle2, Switch, Text } from "@fluentui/react-components";
import { provisioningEndpoints, type ProvisioningView } from "../../../../contract/provisioning.js";
import { useApp } from "../../app-context.js";
import { ErrorView, Loading } from "../../components/state-views.js";
import { strings } from "../../strings.js";
import { ProvisioningCopyField } from "./provisioning-copy-field.js";
import { ProvisioningTenant } from "./provisioning-tenant.js";

/**
 * Settings → Provisioning (docs/provisioning.md): what turning Entra provisioning on means, the tenant
 * URL, each linked tenant's secret (shown once, rotatable, revocable) and the leaver setting.
 */
export function ProvisioningSection({ orgId }: { orgId: string }) {
  const { api, session } = useApp();
  const kind = session.membership!.organization.kind;
  const t = strings.provisioning;
  const [view, setView] = useState<ProvisioningView | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [issued, setIssued] = useState<{ tid: string; secret: string } | null>(null);
  const [leaverBusy, setLeaverBusy] = useState(false);
  const [leaverError, setLeaverError] = useState<unknown>(null);
  const [leaverSaved, setLeaverSaved] = useState<boolean | null>(null);

  const load = useCallback(async () => {
    setLoadError(null);
    try {
      setView(await api.call(provisioningEndpoints.get, { params: { orgId } }));
    } catch (failure) {
      setLoadError(failure);
    }
  }, [api, orgId]);
  useEffect(() => void load(), [load]);

  const issue = async (tid: string) => {
    const answer = await api.call(provisioningEndpoints.issueSecret, { params: { orgId, tid } });
    setView(answer.settings);
    setIssued({ tid: answer.tid, secret: answer.secret });
  };
  const turnOff = async (tid: string) => {
    setView(await api.call(provisioningEndpoints.turnOff, { params: { orgId, tid } }));
    setIssued((current) => (current?.tid === tid ? null : current));
  };
  // The switch moves at once and moves back if the save fails, with the reason shown.
  const saveLeavers = async (on: boolean) => {
    setLeaverBusy(true);
    setLeaverError(null);
    setLeaverSaved(null);
    setView((current) => current && { ...current, leaversRejoinAutomatically: on });
    try {
      setView(await api.call(provisioningEndpoints.saveLeavers, { params: { orgId }, body: { leaversRejoinAutomatically: on } }));
      setLeaverSaved(on);
    } catch (failure) {
      setView((current) => current && { ...current, leaversRejoinAutomatically: !on });
      setLeaverError(failure);
    } finally {
      setLeaverBusy(false);
    }
  };

  return (
    <section aria-labelledby="provisioning-title" className="stack">
      <Subtitle2 as="h2" id="provisioning-title">
        {t.title}
      </Subtitle2>
      {loadError !== null ? (
        <ErrorView error={loadError} onRetry={() => void load()} />
      ) : !view ? (
        <Loading />
      ) : (
        <>
          <Text as="p">{t.intro(kind)}</Text>
          <Text as="p">{t.stored}</Text>
          <Text as="p">{t.leavers(kind)}</Text>
          {!view.available ? (
            <Text as="p">{t.unavailable}</Text>
          ) : (
            <>
              <ProvisioningCopyField label={t.tenantUrl} hint={t.tenantUrlHint} value={view.tenantUrl} copyLabel={t.copyTenantUrl} testId="provisioning-tenant-url" />
              <Subtitle2 as="h3">{t.tenantsHeading}</Subtitle2>
              {view.tenants.length === 0 && <Text as="p">{t.noTenants}</Text>}
              {view.tenants.map((tenant) => (
                <ProvisioningTenant
                  key={tenant.tid}
                  tenant={tenant}
                  secret={issued?.tid === tenant.tid ? issued.secret : null}
                  onIssue={() => issue(tenant.tid)}
                  onTurnOff={() => turnOff(tenant.tid)}
                  onSecretCopied={() => setIssued(null)}
                />
              ))}
              <div>
                <Switch
                  checked={view.leaversRejoinAutomatically}
                  disabled={leaverBusy}
                  onChange={(_, data) => void saveLeavers(data.checked)}
                  label={t.leaverSwitch}
                />
                <Text as="p" block size={200}>
                  {t.leaverHint(kind)}
                </Text>
              </div>
              {leaverError !== null && <ErrorView error={leaverError} />}
              {leaverSaved !== null && (
                <MessageBar intent="success" role="status">
                  <MessageBarBody>{t.leaverSaved(leaverSaved)}</MessageBarBody>
                </MessageBar>
              )}
            </>
          )}
        </>
      )}
    </section>
  );
}
