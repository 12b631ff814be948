import { useState } from "react";
import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";
import type { OrganizationSummary } from "../../../contract/session.js";
import { meEndpoints } from "../../../contract/me.js";
import { PROBLEM_CODES } from "../../../contract/problems.js";
import { useApp } from "../app-context.js";
import { strings } from "../strings.js";
import { ErrorView } from "./state-views.js";
import { ApiError } from "../api-client/problem.js";

/** docs/spec.md §4: an existing user whose tenant's organization is active may ask to join it, or hide the offer. */
export function JoinBanner({ organization }: { organization: OrganizationSummary }) {
  const { api, reloadSession } = useApp();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const act = async (endpoint: typeof meEndpoints.askToJoin | typeof meEndpoints.hideJoinOffer) => {
    setBusy(true);
    setError(null);
    try {
      await api.call(endpoint);
      await reloadSession();
    } catch (failure) {
      // Declined meanwhile (another device, an old page): the session now says so, with the date.
      if (failure instanceof ApiError && failure.code === PROBLEM_CODES.joinRequestCooldown) return reloadSession();
      setError(failure);
      setBusy(false);
    }
  };
  return (
    <>
      <MessageBar intent="info" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>{strings.joinBanner.title(organization.name)}</MessageBarTitle>
          {strings.joinBanner.body(organization.name)}
        </MessageBarBody>
        <MessageBarActions>
          <Button appearance="primary" disabled={busy} onClick={() => void act(meEndpoints.askToJoin)}>
            {strings.joinBanner.ask}
          </Button>
          <Button disabled={busy} onClick={() => void act(meEndpoints.hideJoinOffer)}>
            {strings.joinBanner.notNow}
          </Button>
        </MessageBarActions>
      </MessageBar>
      {error !== null && <ErrorView error={error} />}
    </>
  );
}
