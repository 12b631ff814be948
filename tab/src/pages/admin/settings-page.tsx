import { useCallback, useEffect, useState } from "react";
import { Button, Field, Input, MessageBar, MessageBarBody, MessageBarTitle, Subtitle2, Switch, Text } from "@fluentui/react-components";
import { microsoft365Endpoints, type Microsoft365Settings } from "../../../../contract/microsoft365.js";
import { useApp } from "../../app-context.js";
import { ConsentOutcome } from "../../components/consent-outcome.js";
import { ErrorView, Loading } from "../../components/state-views.js";
import { strings } from "../../strings.js";
import { AccountTypeSettingsSection } from "./account-type-settings-section.js";
import { ProvisioningSection } from "./provisioning-section.js";
import { StatusBadge, TenantCard } from "./tenant-card.js";

/** Settings → Microsoft 365 (docs/spec.md §3): connect a tenant, choose roster data, consent, see the status. */
export default function SettingsPage({ params }: { params: URLSearchParams }) {
  const { api, session, host } = useApp();
  const orgId = session.membership!.organization.id;
  const [settings, setSettings] = useState<Microsoft365Settings | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [tenant, setTenant] = useState("");
  const [rosterData, setRosterData] = useState(true);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<unknown>(null);
  // Outside Teams consent is a redirect; the consent's last page comes back here with its outcome.
  const [outcome, setOutcome] = useState<string | null>(params.get("consent"));
  const [unlinked, setUnlinked] = useState<string | null>(null);

  const load = useCallback(async () => {
    setLoadError(null);
    try {
      setSettings(await api.call(microsoft365Endpoints.get, { params: { orgId } }));
    } catch (failure) {
      setLoadError(failure);
    }
  }, [api, orgId]);
  useEffect(() => void load(), [load]);

  const afterConsent = (result: string) => {
    setOutcome(result);
    void load();
  };

  const save = async () => {
    if (!tenant.trim()) return setSaveError(new Error(strings.settings.tenantRequired));
    setSaving(true);
    setSaveError(null);
    setOutcome(null);
    setUnlinked(null);
    try {
      const saved = await api.call(microsoft365Endpoints.link, { params: { orgId }, body: { tenant: tenant.trim(), rosterData } });
      await load();
      if (saved.consentUrl) {
        let result: string;
        try {
          result = await host.openConsent(saved.consentUrl);
        } catch (failure) {
          result = failure instanceof Error ? failure.message : String(failure);
        }
        afterConsent(result);
      }
    } catch (failure) {
      setSaveError(failure);
    } finally {
      setSaving(false);
    }
  };

  if (loadError) return <ErrorView error={loadError} onRetry={() => void load()} />;
  if (!settings) return <Loading />;
  const canAdd = settings.available && (settings.tenants.length === 0 || settings.multipleTenants);
  const permissions = settings.permissions.filter((p) => p.purpose === "sign_in" || rosterData);

  return (
    <section aria-labelledby="settings-title" className="stack">
      <h1 id="settings-title" className="page-title">
        {strings.settings.title}
      </h1>
      {outcome && <ConsentOutcome outcome={outcome} />}
      {unlinked && (
        <MessageBar intent="success" role="status">
          <MessageBarBody>{unlinked}</MessageBarBody>
        </MessageBar>
      )}
      {!settings.available ? (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{strings.settings.unavailableTitle}</MessageBarTitle>
            {settings.unavailableReason}
          </MessageBarBody>
        </MessageBar>
      ) : (
        <Text as="p">
          <strong>{strings.settings.statusLabel}: </strong>
          <StatusBadge status={settings.status} /> {settings.nextStep}
        </Text>
      )}
      {settings.tenants.length > 0 && <Subtitle2 as="h2">{strings.settings.tenantsHeading}</Subtitle2>}
      {settings.tenants.map((link) => (
        <TenantCard
          key={link.tid}
          orgId={orgId}
          tenant={link}
          onConsent={afterConsent}
          onUnlinked={(message) => {
            setUnlinked(message);
            setOutcome(null);
            void load();
          }}
          onChanged={() => void load()}
        />
      ))}
      {canAdd && (
        <form
          className="stack"
          onSubmit={(event) => {
            event.preventDefault();
            void save();
          }}
        >
          <Subtitle2 as="h2">{strings.settings.addTenantHeading}</Subtitle2>
          <Field label={strings.settings.tenantField} hint={strings.settings.tenantHint} required>
            <Input value={tenant} onChange={(_, data) => setTenant(data.value)} autoComplete="off" />
          </Field>
          <Switch checked={rosterData} onChange={(_, data) => setRosterData(data.checked)} label={strings.settings.rosterSwitch(session.membership!.organization.kind)} />
          <div>
            <Subtitle2 as="h3">{strings.settings.permissionsHeading}</Subtitle2>
            <ul>
              {permissions.map((p) => (
                <li key={p.scope}>
                  <code>{p.scope}</code> — {p.why}
                </li>
              ))}
            </ul>
          </div>
          {saveError !== null && <ErrorView error={saveError} />}
          <div>
            <Button appearance="primary" type="submit" disabled={saving}>
              {strings.settings.saveButton}
            </Button>
          </div>
        </form>
      )}
      <AccountTypeSettingsSection orgId={orgId} />
      {/* Remounts when tenants are linked or unlinked above, so its tenant list follows. */}
      <ProvisioningSection key={settings.tenants.map((link) => link.tid).join()} orgId={orgId} />
    </section>
  );
}
