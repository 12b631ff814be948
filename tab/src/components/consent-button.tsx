import { useState } from "react";
import { Button } from "@fluentui/react-components";
import { useApp } from "../app-context.js";
import { strings } from "../strings.js";

/**
 * "Grant permissions": a Teams authentication pop-up, or a redirect outside Teams (docs/spec.md §3.3). The
 * outcome goes to the page, which shows it where it stays visible after the page reloads its data.
 */
export function ConsentButton({ url, onDone, label = strings.settings.grantButton }: { url: string; onDone: (outcome: string) => void; label?: string }) {
  const { host } = useApp();
  const [busy, setBusy] = useState(false);
  const open = async () => {
    setBusy(true);
    let outcome: string;
    try {
      outcome = await host.openConsent(url);
    } catch (failure) {
      // teams-js rejects with the pop-up's notifyFailure reason (declined, not_admin, CancelledByUser…).
      outcome = failure instanceof Error ? failure.message : String(failure);
    }
    setBusy(false);
    onDone(outcome);
  };
  return (
    <div>
      <Button appearance="primary" disabled={busy} onClick={() => void open()}>
        {label}
      </Button>
    </div>
  );
}

/** The sentence for a consent outcome, and whether it is good news. */
export function consentOutcomeText(outcome: string, kind?: "school" | "district" | "elearning"): { text: string; granted: boolean } {
  const own = kind === "elearning" ? strings.consentOutcomes[`${outcome}_elearning`] : undefined;
  return { text: own ?? strings.consentOutcomes[outcome] ?? outcome, granted: outcome.startsWith("granted") };
}
