import { useState } from "react";
import { Switch, Text } from "@fluentui/react-components";
import { microsoft365Endpoints, type TenantLinkView } from "../../../../contract/microsoft365.js";
import { useApp } from "../../app-context.js";
import { ErrorView } from "../../components/state-views.js";
import { strings } from "../../strings.js";

/**
 * The roster-data switch of a linked tenant (docs/spec.md §3.2): off takes effect at once; on asks a tenant
 * admin for the extra permission in the consent pop-up, unless the tenant granted it before.
 */
export function RosterSwitch({ orgId, tenant, onConsent, onChanged }: {
  orgId: string;
  tenant: TenantLinkView;
  onConsent: (outcome: string) => void;
  onChanged: () => void;
}) {
  const { api, host, session } = useApp();
  const kind = session.membership?.organization.kind;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const s = strings.tenantLink;

  const change = async (rosterData: boolean) => {
    setBusy(true);
    setError(null);
    try {
      const saved = await api.call(microsoft365Endpoints.setRosterData, { params: { orgId, tid: tenant.tid }, body: { rosterData } });
      onChanged();
      if (saved.consentUrl) {
        let outcome: string;
        try {
          outcome = await host.openConsent(saved.consentUrl);
        } catch (failure) {
          outcome = failure instanceof Error ? failure.message : String(failure);
        }
        onConsent(outcome);
      }
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div>
      <Switch
        checked={tenant.rosterData}
        disabled={busy}
        onChange={(_, data) => void change(data.checked)}
        label={strings.settings.rosterSwitch(kind)}
      />
      <Text as="p" size={200}>
        {(!tenant.rosterData ? s.rosterOff : tenant.status === "needs_attention" ? s.rosterLost : tenant.rosterAccess ? s.rosterOn : s.rosterWaiting)(kind)}
      </Text>
      {error !== null && <ErrorView error={error} />}
    </div>
  );
}
