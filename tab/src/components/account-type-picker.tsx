import { useState } from "react";
import { Button, Field, Radio, RadioGroup } from "@fluentui/react-components";
import type { SessionResponse } from "../../../contract/session.js";
import { meEndpoints, type ChooseAccountTypeBody } from "../../../contract/me.js";
import { useApp } from "../app-context.js";
import { strings } from "../strings.js";
import { ErrorView } from "./state-views.js";

/** Shown when no signal told us the account type (docs/spec.md §4, §5): the user picks it once. */
export function AccountTypePicker({ choices }: { choices: SessionResponse["accountTypeChoices"] }) {
  const { api, reloadSession } = useApp();
  const [choice, setChoice] = useState<string>("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.call(meEndpoints.chooseAccountType, { body: { accountType: choice as ChooseAccountTypeBody["accountType"] } });
      await reloadSession();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <Field label={strings.picker.legend} hint={strings.picker.hint} required>
        <RadioGroup value={choice} onChange={(_, data) => setChoice(data.value)}>
          {choices.map((type) => (
            <Radio key={type} value={type} label={strings.accountTypes[type] ?? type} />
          ))}
        </RadioGroup>
      </Field>
      {error !== null && <ErrorView error={error} />}
      <Button appearance="primary" type="submit" disabled={!choice || busy}>
        {strings.picker.submit}
      </Button>
    </form>
  );
}
