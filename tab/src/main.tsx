import { createRoot } from "react-dom/client";
import { Button, FluentProvider, Text, teamsLightTheme } from "@fluentui/react-components";
import { createApiClient, loadClientConfig } from "./api-client/client.js";
import { describeError } from "./api-client/problem.js";
import { App } from "./app.js";
import { CALLBACK_PATH, completeWebSignIn, startWebSignIn, storedWebToken } from "./auth/web-sign-in.js";
import { teamsTabHost, webTabHost, type TabHost } from "./host.js";
import { strings } from "./strings.js";
import { connectToTeams } from "./teams/teams-host.js";
import type { ClientConfig } from "../../contract/client-config.js";
import { sessionEndpoints } from "../../contract/session.js";

const root = createRoot(document.getElementById("root")!);

function Notice({ title, detail, config }: { title: string; detail?: string; config?: ClientConfig }) {
  return (
    <FluentProvider theme={teamsLightTheme}>
      <main className="static">
        <h1>{title}</h1>
        {detail && (
          <Text as="p" role="alert">
            {detail}
          </Text>
        )}
        {config && (
          <>
            <Text as="p">{strings.signIn.body}</Text>
            <Button appearance="primary" onClick={() => void startWebSignIn(config)}>
              {strings.signIn.button}
            </Button>
          </>
        )}
      </main>
    </FluentProvider>
  );
}

/** Inside a Teams host: SSO. Otherwise the web app: the sign-in callback, a stored token, or a sign-in button. */
async function boot(): Promise<void> {
  let config: ClientConfig;
  try {
    config = await loadClientConfig();
  } catch (error) {
    root.render(<Notice title={strings.errorTitle} detail={describeError(error)} />);
    return;
  }
  const teams = await connectToTeams(config);
  if (teams) return start(config, teamsTabHost(teams));
  if (location.pathname === CALLBACK_PATH) {
    root.render(<Notice title={strings.signIn.completing} />);
    try {
      await completeWebSignIn();
    } catch (error) {
      history.replaceState(null, "", "/");
      root.render(<Notice title={strings.signIn.title} detail={describeError(error)} config={config} />);
      return;
    }
  }
  if (!storedWebToken()) {
    root.render(<Notice title={strings.signIn.title} config={config} />);
    return;
  }
  start(config, webTabHost(config));
}

function start(config: ClientConfig, host: TabHost): void {
  const api = createApiClient(() => host.getToken());
  const firstSession = api.call(sessionEndpoints.start);
  firstSession.catch(() => undefined);
  root.render(<App config={config} host={host} api={api} firstSession={firstSession} />);
}

void boot();
