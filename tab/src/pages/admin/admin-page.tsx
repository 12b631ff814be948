import { lazy, Suspense } from "react";
import { CounterBadge, Tab, TabList } from "@fluentui/react-components";
import { useApp } from "../../app-context.js";
import { Loading } from "../../components/state-views.js";
import { navigate, type TabRoute } from "../../routes.js";
import { strings } from "../../strings.js";
import { PendingCountProvider, usePendingCount } from "./pending-count.js";

const pages = {
  settings: lazy(() => import("./settings-page.js")),
  members: lazy(() => import("./members-page.js")),
  requests: lazy(() => import("./requests-page.js")),
  activity: lazy(() => import("./activity-page.js")),
};
type Section = keyof typeof pages;

/** The org admin's area (docs/spec.md §8): Settings, Members, Management requests, Activity. */
export default function AdminPage({ route }: { route: TabRoute }) {
  const { api, session } = useApp();
  return (
    <PendingCountProvider api={api} organizationId={session.membership!.organization.id}>
      <AdminSections route={route} />
    </PendingCountProvider>
  );
}

function AdminSections({ route }: { route: TabRoute }) {
  const requested = route.path[1] as Section | undefined;
  const section: Section = requested && requested in pages ? requested : "settings";
  const Page = pages[section];
  const { count } = usePendingCount();
  return (
    <div className="stack">
      {/* Wraps onto a second line at narrow widths instead of hiding sections off-screen. */}
      <TabList selectedValue={section} onTabSelect={(_, data) => navigate(`admin/${String(data.value)}`)} aria-label={strings.nav.admin} style={{ flexWrap: "wrap" }}>
        {(Object.keys(pages) as Section[]).map((key) => (
          <Tab key={key} value={key}>
            {strings.nav[key]}
            {key === "requests" && count !== null && count > 0 && (
              <>
                {" "}
                <CounterBadge count={count} size="small" appearance="filled" aria-label={strings.requests.pendingCount(count)} />
              </>
            )}
          </Tab>
        ))}
      </TabList>
      <Suspense fallback={<Loading />}>
        <Page params={route.params} />
      </Suspense>
    </div>
  );
}
