import { MessageBar, MessageBarBody } from "@fluentui/react-components";
import { useApp } from "../app-context.js";
import { consentOutcomeText } from "./consent-button.js";

/** How the last admin-consent round trip ended, in words. */
export function ConsentOutcome({ outcome }: { outcome: string }) {
  const { text, granted } = consentOutcomeText(outcome, useApp().session.membership?.organization.kind);
  return (
    <MessageBar intent={granted ? "success" : "warning"} role="status">
      <MessageBarBody>{text}</MessageBarBody>
    </MessageBar>
  );
}
