import { MessageBar, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";
import type { SessionResponse } from "../../../contract/session.js";
import { strings } from "../strings.js";

/** Shown instead of the join banner while a rejection's cooldown runs: who declined, why, and until when. */
export function DeclinedNotice({ declined }: { declined: NonNullable<SessionResponse["declinedRequest"]> }) {
  const date = new Date(declined.canAskAgainAt).toLocaleDateString(undefined, { day: "numeric", month: "long", year: "numeric" });
  return (
    <MessageBar intent="warning" layout="multiline" role="status" data-testid="declined-notice">
      <MessageBarBody>
        <MessageBarTitle>{strings.declined.title}</MessageBarTitle>
        {strings.declined.body(declined.organization.name)}
        {declined.reason && (
          <>
            <br />
            {strings.declined.reason(declined.reason)}
          </>
        )}
        <br />
        {strings.declined.askAgain(date)}
      </MessageBarBody>
    </MessageBar>
  );
}
