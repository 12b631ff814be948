import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { Button, FluentProvider, makeStyles, tokens } from "@fluentui/react-components";
import type { ClientConfig } from "../../contract/client-config.js";
import { sessionEndpoints, type SessionResponse } from "../../contract/session.js";
import type { ApiClient } from "./api-client/client.js";
import { describeError, ApiError } from "./api-client/problem.js";
import { AppContext, type AppServices } from "./app-context.js";
import { ErrorView, Loading } from "./components/state-views.js";
import type { TabHost } from "./host.js";
import { HomePage } from "./pages/home.js";
import { useRoute } from "./routes.js";
import { strings } from "./strings.js";
import { fluentTheme } from "./theme.js";

// Admin pages are a separate chunk: most people never open them (docs/spec.md §8).
const AdminPage = lazy(() => import("./pages/admin/admin-page.js"));

const useStyles = makeStyles({
  shell: { minHeight: "100vh", backgroundColor: tokens.colorNeutralBackground2, color: tokens.colorNeutralForeground1 },
  header: {
    display: "flex",
    alignItems: "center",
    justifyContent: "space-between",
    padding: `0 ${tokens.spacingHorizontalL}`,
    backgroundColor: tokens.colorNeutralBackground1,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  nav: { display: "flex", gap: tokens.spacingHorizontalL },
  // Page links in the look of Teams' tab strip; plain links keep the first screen's script small.
  navLink: {
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalXS}`,
    color: tokens.colorNeutralForeground2,
    textDecorationLine: "none",
    borderBottom: `${tokens.strokeWidthThickest} solid transparent`,
    ":hover": { color: tokens.colorNeutralForeground1 },
    ":focus-visible": { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
  },
  navLinkCurrent: {
    color: tokens.colorNeutralForeground1,
    fontWeight: tokens.fontWeightSemibold,
    borderBottomColor: tokens.colorCompoundBrandStroke,
  },
  main: {
    maxWidth: "72rem",
    padding: tokens.spacingHorizontalL,
    "& .stack": { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalL },
    "& .page-title": { fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold, margin: 0 },
  },
});

export interface AppProps {
  config: ClientConfig;
  host: TabHost;
  api: ApiClient;
  /** The first sign-in, started before React mounts so the two overlap. */
  firstSession: Promise<SessionResponse>;
}

export function App({ config, host, api, firstSession }: AppProps) {
  const styles = useStyles();
  const [theme, setTheme] = useState(host.theme);
  const [session, setSession] = useState<SessionResponse | null>(null);
  const [error, setError] = useState<unknown>(null);
  const reported = useRef(false);
  const route = useRoute();

  useEffect(() => host.onThemeChange(setTheme), [host]);

  const reloadSession = useCallback(async () => {
    try {
      setSession(await api.call(sessionEndpoints.start));
      setError(null);
    } catch (failure) {
      setError(failure);
    }
  }, [api]);

  useEffect(() => {
    firstSession.then(setSession, setError);
  }, [firstSession]);

  // The tenant's Conditional Access wants the person to sign in again before their account can be made.
  const challenge = useMemo(() => interactionRequired(error), [error]);
  const signInAgain = useCallback(async () => {
    try {
      await host.reauthenticate(challenge?.claims ?? null);
    } catch (failure) {
      setError(failure);
      return;
    }
    await reloadSession();
  }, [host, challenge, reloadSession]);

  // The host's loading indicator ends once the first screen can be shown, or says why it cannot.
  useEffect(() => {
    if (reported.current) return;
    if (session || challenge) {
      // A claims challenge is a screen of the tab's own (with its sign-in button), not a failure to load.
      reported.current = true;
      host.ready();
    } else if (error) {
      reported.current = true;
      host.failed(describeError(error), error instanceof ApiError && error.status === 401);
    }
  }, [session, error, challenge, host]);

  const services: AppServices | null = session && { config, host, api, session, reloadSession };
  const section = route.path[0] === "admin" && session?.membership?.isAdmin ? "admin" : "home";

  return (
    <FluentProvider theme={fluentTheme(theme)} className={styles.shell} data-theme={theme}>
      <header className={styles.header}>
        <nav aria-label={strings.nav.label} className={styles.nav}>
          {(["home", ...(session?.membership?.isAdmin ? ["admin"] : [])] as const).map((target) => (
            <a
              key={target}
              href={`#/${target}`}
              className={target === section ? `${styles.navLink} ${styles.navLinkCurrent}` : styles.navLink}
              aria-current={target === section ? "page" : undefined}
            >
              {strings.nav[target as "home" | "admin"]}
            </a>
          ))}
        </nav>
        {host.signOut && session && (
          <Button appearance="subtle" onClick={host.signOut}>
            {strings.signIn.signOut}
          </Button>
        )}
      </header>
      <main className={styles.main}>
        {!session && !error && <Loading />}
        {!session && error !== null && (
          <ErrorView
            error={error}
            onRetry={() => void (challenge ? signInAgain() : reloadSession())}
            retryLabel={challenge ? strings.signIn.again : strings.retry}
          />
        )}
        {services && (
          <AppContext.Provider value={services}>
            {section === "admin" ? (
              <Suspense fallback={<Loading />}>
                <AdminPage route={route} />
              </Suspense>
            ) : (
              <HomePage />
            )}
          </AppContext.Provider>
        )}
      </main>
    </FluentProvider>
  );
}

/** The claims challenge of an `interaction_required` answer (api/auth/interaction-required.ts), if that is what this is. */
function interactionRequired(error: unknown): { claims: string | null } | null {
  if (!(error instanceof ApiError) || error.code !== "interaction_required") return null;
  return { claims: typeof error.body.claims === "string" ? error.body.claims : null };
}
