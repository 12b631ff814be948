import { app, authentication } from "@microsoft/teams-js";
import { loadClientConfig } from "./api-client/client.js";
import { strings } from "./strings.js";
import { validMessageOrigins } from "./teams/teams-host.js";

/**
 * The last page of admin consent: the API's consent callback always lands here with
 * `?consent=<outcome>` (never a URL from the request). In a Teams authentication pop-up it hands the
 * outcome back to the tab; outside Teams the consent was a redirect, so it returns to Settings.
 */
const OUTCOMES = new Set(["granted", "granted_without_roster", "declined", "not_admin", "invalid_state", "expired_state", "tenant_mismatch", "error"]);
// A Teams host answers initialize within a second or two; an opener that is not one never does.
const INITIALIZE_TIMEOUT_MS = 4_000;

async function finish(): Promise<void> {
  const given = new URLSearchParams(location.search).get("consent") ?? "error";
  const outcome = OUTCOMES.has(given) ? given : "error";
  const status = document.getElementById("status")!;
  status.textContent = strings.consentOutcomes[outcome] ?? outcome;
  const backToSettings = () => location.replace(`/#/admin/settings?consent=${encodeURIComponent(outcome)}`);
  if (!window.opener) return backToSettings();
  try {
    const config = await loadClientConfig();
    await Promise.race([
      app.initialize(validMessageOrigins(config)),
      new Promise((_, reject) => setTimeout(() => reject(new Error("no Teams host")), INITIALIZE_TIMEOUT_MS)),
    ]);
  } catch {
    return backToSettings();
  }
  // Declines and errors are outcomes the tab shows, not failures of the pop-up itself.
  if (outcome.startsWith("granted")) authentication.notifySuccess(outcome);
  else authentication.notifyFailure(outcome);
}

void finish();
