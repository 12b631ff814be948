import { useState } from "react";
import { Button, Field, Input, makeStyles } from "@fluentui/react-components";
import { strings } from "../../strings.js";

const useStyles = makeStyles({
  row: { display: "flex", flexWrap: "wrap", gap: "8px", alignItems: "center" },
  // Long values (a 60-character secret) scroll inside the box instead of widening a 320 px tab.
  input: { flexGrow: 1, minWidth: 0, width: "100%", maxWidth: "40rem" },
});

/** A read-only value an admin pastes into Entra, with a copy button (the text stays selectable when the clipboard is blocked). */
export function ProvisioningCopyField({ label, hint, value, copyLabel, testId }: { label: string; hint?: string; value: string; copyLabel: string; testId?: string }) {
  const styles = useStyles();
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    await navigator.clipboard?.writeText(value).catch(() => undefined);
    setCopied(true);
  };
  return (
    <Field label={label} hint={hint}>
      <div className={styles.row}>
        <Input readOnly value={value} className={styles.input} data-testid={testId} onFocus={(event) => event.target.select()} />
        {/* The visible words are the accessible name (WCAG 2.5.3), so they name what is copied. */}
        <Button onClick={() => void copy()}>{copied ? strings.provisioning.copied : copyLabel}</Button>
      </div>
    </Field>
  );
}
