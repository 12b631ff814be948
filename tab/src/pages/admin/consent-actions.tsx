import { useState } from "react";
import { Button, Field, Subtitle2, Text, Textarea } from "@fluentui/react-components";
import { microsoft365Endpoints, type AskAdminView, type TenantLinkView } from "../../../../contract/microsoft365.js";
import { useApp } from "../../app-context.js";
import { ErrorView } from "../../components/state-views.js";
import { strings } from "../../strings.js";

/**
 * Consent for a link that needs it: grant it yourself in the pop-up (a fresh single-use state each
 * time), or make a link for IT to email (7 days, until one success). Links are made on request only.
 */
export function ConsentActions({ orgId, tenant, onConsent }: { orgId: string; tenant: TenantLinkView; onConsent: (outcome: string) => void }) {
  const { api, host } = useApp();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [askAdmin, setAskAdmin] = useState<AskAdminView | null>(null);
  const [copied, setCopied] = useState(false);
  const params = { orgId, tid: tenant.tid };
  const s = strings.tenantLink;

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  const grant = () =>
    run(async () => {
      const { consentUrl } = await api.call(microsoft365Endpoints.startConsent, { params });
      let outcome: string;
      try {
        outcome = await host.openConsent(consentUrl);
      } catch (failure) {
        // teams-js rejects with the pop-up's notifyFailure reason (declined, not_admin, CancelledByUser…).
        outcome = failure instanceof Error ? failure.message : String(failure);
      }
      onConsent(outcome);
    });
  const makeLink = () =>
    run(async () => {
      setCopied(false);
      setAskAdmin(await api.call(microsoft365Endpoints.consentLinkForIt, { params }));
    });
  const copy = async (text: string) => {
    await navigator.clipboard?.writeText(text).catch(() => undefined);
    setCopied(true);
  };

  return (
    <div className="stack">
      <div>
        <Button appearance="primary" disabled={busy} onClick={() => void grant()}>
          {strings.settings.grantButton}
        </Button>
      </div>
      <Subtitle2 as="h4">{s.forItHeading}</Subtitle2>
      <Text as="p">{s.forItIntro}</Text>
      <div>
        <Button disabled={busy} onClick={() => void makeLink()}>
          {askAdmin ? s.makeAnotherLink : s.makeLink}
        </Button>
      </div>
      {askAdmin && (
        <>
          <Field label={strings.settings.askAdminHeading} hint={s.linkValidUntil(askAdmin.expiresAt.slice(0, 10))}>
            <Textarea readOnly resize="vertical" rows={8} value={askAdmin.message} data-testid="ask-admin-message" />
          </Field>
          <div>
            <Button onClick={() => void copy(askAdmin.message)}>{copied ? strings.settings.copied : strings.settings.copy}</Button>
          </div>
        </>
      )}
      {error !== null && <ErrorView error={error} />}
    </div>
  );
}
