import { useState } from "react";
import { Button, Checkbox, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle } from "@fluentui/react-components";
import { membersEndpoints, type MemberView } from "../../../../contract/members.js";
import { useApp } from "../../app-context.js";
import { strings } from "../../strings.js";

/** Whose account type an admin is about to have re-checked. */
export type RecheckTarget = { members: MemberView[] } | { everyone: true };

interface Props {
  orgId: string;
  selected: MemberView[];
  recheckTarget: RecheckTarget | null;
  onRecheckTarget(target: RecheckTarget | null): void;
  /** A change went through on the server: announce it and reload the list. */
  onChanged(message: string): void;
  onError(error: unknown): void;
}

/**
 * Actions on several members (docs/spec.md §4, §8): re-check types at the next sign-in for a selection
 * or everyone, and remove a selection in one step. Both ask for confirmation first.
 */
export function MemberSelectionActions({ orgId, selected, recheckTarget, onRecheckTarget, onChanged, onError }: Props) {
  const { api } = useApp();
  const [removing, setRemoving] = useState(false);
  const [replaceAdminSet, setReplaceAdminSet] = useState(false);
  const [busy, setBusy] = useState(false);

  const closeRecheck = () => {
    setReplaceAdminSet(false);
    onRecheckTarget(null);
  };
  const run = async (work: () => Promise<string>) => {
    setBusy(true);
    try {
      onChanged(await work());
    } catch (failure) {
      onError(failure);
    } finally {
      setBusy(false);
      setRemoving(false);
      closeRecheck();
    }
  };
  const recheck = (target: RecheckTarget) =>
    run(async () => {
      const body = "everyone" in target ? { everyone: true as const, replaceAdminSet } : { userIds: target.members.map((m) => m.userId), replaceAdminSet };
      const answer = await api.call(membersEndpoints.recheckAccountTypes, { params: { orgId }, body });
      return strings.members.recheckRequested(answer.requested);
    });
  const removeSelected = () =>
    run(async () => {
      const answer = await api.call(membersEndpoints.removeMany, { params: { orgId }, body: { userIds: selected.map((m) => m.userId) } });
      return strings.members.removedSummary(answer.removed, answer.results.length - answer.removed);
    });
  const who = recheckTarget
    ? "everyone" in recheckTarget
      ? strings.members.recheckEveryoneWho
      : strings.members.recheckWho(recheckTarget.members.length, recheckTarget.members[0]?.displayName ?? "")
    : "";

  return (
    <>
      <div>
        <Button disabled={busy || selected.length === 0} onClick={() => onRecheckTarget({ members: selected })}>
          {strings.members.recheckSelected(selected.length)}
        </Button>{" "}
        <Button disabled={busy} onClick={() => onRecheckTarget({ everyone: true })}>
          {strings.members.recheckEveryone}
        </Button>{" "}
        <Button disabled={busy || selected.length === 0} onClick={() => setRemoving(true)}>
          {strings.members.removeSelected(selected.length)}
        </Button>
      </div>
      <Dialog open={recheckTarget !== null} onOpenChange={(_, data) => !data.open && closeRecheck()}>
        <DialogSurface>
          <DialogBody>
            <DialogTitle>{strings.members.recheckTitle(who)}</DialogTitle>
            <DialogContent>
              <p>{strings.members.recheckBody}</p>
              <Checkbox label={strings.members.recheckReplaceAdminSet} checked={replaceAdminSet} onChange={(_, data) => setReplaceAdminSet(data.checked === true)} />
            </DialogContent>
            <DialogActions>
              <Button appearance="primary" disabled={busy} onClick={() => recheckTarget && void recheck(recheckTarget)}>
                {strings.members.recheckConfirm}
              </Button>
              <Button onClick={closeRecheck}>{strings.cancel}</Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
      <Dialog open={removing} onOpenChange={(_, data) => !data.open && setRemoving(false)}>
        <DialogSurface>
          <DialogBody>
            <DialogTitle>{strings.members.removeSelectedTitle(selected.length)}</DialogTitle>
            <DialogContent>
              <p>{strings.members.removeSelectedBody}</p>
              <ul>
                {selected.map((member) => (
                  <li key={member.userId}>{member.displayName}</li>
                ))}
              </ul>
            </DialogContent>
            <DialogActions>
              <Button appearance="primary" disabled={busy} onClick={() => void removeSelected()}>
                {strings.members.removeSelected(selected.length)}
              </Button>
              <Button onClick={() => setRemoving(false)}>{strings.cancel}</Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </>
  );
}
