import { useState } from "react";
import { Button, MessageBar, MessageBarBody } from "@fluentui/react-components";
import { useApp } from "../app-context.js";
import { strings } from "../strings.js";

/** "Grant permissions": a Teams authentication pop-up, or a redirect outside Teams (SPEC §3.3). */
export function ConsentButton({ url, onDone, label = strings.settings.grantButton }: { url: string; onDone?: (outcome: string) => void; label?: string }) {
  const { host } = useApp();
  const [outcome, setOutcome] = useState<{ text: string; good: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const open = async () => {
    setBusy(true);
    setOutcome(null);
    let result: string;
    try {
      result = await host.openConsent(url);
    } catch (failure) {
      result = failure instanceof Error ? failure.message : String(failure);
    }
    setBusy(false);
    setOutcome({ text: strings.consentOutcomes[result] ?? result, good: result.startsWith("granted") });
    onDone?.(result);
  };
  return (
    <div className="consent-button">
      <Button appearance="primary" disabled={busy} onClick={() => void open()}>
        {label}
      </Button>
      {outcome && (
        <MessageBar intent={outcome.good ? "success" : "warning"} role="status">
          <MessageBarBody>{outcome.text}</MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
}
