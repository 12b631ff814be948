import { useState } from "react";
import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle } from "@fluentui/react-components";
import { microsoft365Endpoints, type TenantLinkView } from "../../../../contract/microsoft365.js";
import { useApp } from "../../app-context.js";
import { ErrorView } from "../../components/state-views.js";
import { strings } from "../../strings.js";

/** docs/spec.md §3.7: unlinking stops auto-join and keeps members; the dialog says so before anything happens. */
export function UnlinkTenantButton({ orgId, tenant, onUnlinked }: { orgId: string; tenant: TenantLinkView; onUnlinked(message: string): void }) {
  const { api } = useApp();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const name = tenant.domain ?? tenant.tid;

  const unlink = async () => {
    setBusy(true);
    setError(null);
    try {
      const answer = await api.call(microsoft365Endpoints.unlink, { params: { orgId, tid: tenant.tid } });
      setOpen(false);
      onUnlinked(strings.settings.unlinked(name, answer.membersKept));
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <div>
        <Button aria-label={strings.settings.unlinkLabel(name)} onClick={() => setOpen(true)}>
          {strings.settings.unlink}
        </Button>
      </div>
      <Dialog open={open} onOpenChange={(_, data) => !busy && setOpen(data.open)}>
        <DialogSurface>
          <DialogBody>
            <DialogTitle>{strings.settings.unlinkConfirmTitle(name)}</DialogTitle>
            <DialogContent>
              {strings.settings.unlinkConfirmBody}
              {error !== null && <ErrorView error={error} />}
            </DialogContent>
            <DialogActions>
              <Button appearance="primary" disabled={busy} onClick={() => void unlink()}>
                {strings.settings.unlink}
              </Button>
              <Button disabled={busy} onClick={() => setOpen(false)}>
                {strings.cancel}
              </Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </>
  );
}
