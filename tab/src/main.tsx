import { createRoot } from "react-dom/client";
import { Button, FluentProvider, Text, teamsLightTheme } from "@fluentui/react-components";
import { loadClientConfig } from "./api/client.js";
import { describeError } from "./api/problem.js";
import { App } from "./app.js";
import { CALLBACK_PATH, completeWebSignIn, startWebSignIn, storedWebToken } from "./auth/web-sign-in.js";
import { teamsTabHost, webTabHost } from "./host.js";
import { strings } from "./strings.js";
import { connectToTeams } from "./teams/teams-host.js";
import type { ClientConfig } from "../../api/contract/client-config.js";

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
  if (teams) {
    root.render(<App config={config} host={teamsTabHost(teams)} />);
    return;
  }
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
  root.render(<App config={config} host={webTabHost(config)} />);
}

void boot();
