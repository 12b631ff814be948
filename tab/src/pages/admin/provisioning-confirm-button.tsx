import { useState } from "react";
import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle } from "@fluentui/react-components";
import { ErrorView } from "../../components/state-views.js";
import { strings } from "../../strings.js";

/** Rotating or turning off breaks Entra's connection at once, so each asks first and says what happens. */
export function ProvisioningConfirmButton({ text, label, title, body, disabled, onConfirm }: {
  text: string;
  label: string;
  title: string;
  body: string;
  disabled?: boolean;
  onConfirm(): Promise<void>;
}) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
      setOpen(false);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button aria-label={label} disabled={disabled} onClick={() => setOpen(true)}>
        {text}
      </Button>
      <Dialog open={open} onOpenChange={(_, data) => !busy && setOpen(data.open)}>
        <DialogSurface>
          <DialogBody>
            <DialogTitle>{title}</DialogTitle>
            <DialogContent>
              {body}
              {error !== null && <ErrorView error={error} />}
            </DialogContent>
            <DialogActions>
              <Button appearance="primary" disabled={busy} onClick={() => void confirm()}>
                {text}
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
