import { useEffect, useState } from "react";
import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, Field, Textarea } from "@fluentui/react-components";
import type { JoinRequestItem } from "../../../../contract/requests.js";
import { strings } from "../../strings.js";

const MAX_REASON = 500;

/** Rejecting is never one click: the admin confirms, and may give the reason the person will read. */
export function RejectDialog({ requests, onConfirm, onCancel }: { requests: JoinRequestItem[] | null; onConfirm(reason: string): void; onCancel(): void }) {
  const [reason, setReason] = useState("");
  useEffect(() => setReason(""), [requests]);
  const tooLong = reason.trim().length > MAX_REASON;
  const title = !requests ? "" : requests.length === 1 ? strings.requests.rejectTitle(requests[0]!.user.displayName) : strings.requests.rejectManyTitle(requests.length);
  return (
    <Dialog open={requests !== null} onOpenChange={(_, data) => !data.open && onCancel()}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{title}</DialogTitle>
          <DialogContent className="stack">
            <p>{strings.requests.rejectBody}</p>
            <Field label={strings.requests.reasonLabel} validationState={tooLong ? "error" : "none"} validationMessage={tooLong ? strings.requests.reasonTooLong : undefined}>
              <Textarea value={reason} onChange={(_, data) => setReason(data.value)} resize="vertical" />
            </Field>
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" disabled={tooLong} onClick={() => onConfirm(reason.trim())}>
              {strings.requests.reject}
            </Button>
            <Button onClick={onCancel}>{strings.cancel}</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
