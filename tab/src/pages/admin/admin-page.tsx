import { lazy, Suspense } from "react";
import { Tab, TabList } from "@fluentui/react-components";
import { Loading } from "../../components/state-views.js";
import { navigate, type TabRoute } from "../../routes.js";
import { strings } from "../../strings.js";

const pages = {
  settings: lazy(() => import("./settings-page.js")),
  members: lazy(() => import("./members-page.js")),
  requests: lazy(() => import("./requests-page.js")),
  activity: lazy(() => import("./activity-page.js")),
};
type Section = keyof typeof pages;

/** The org admin's area (SPEC §8): Settings, Members, Management requests, Activity. */
export default function AdminPage({ route }: { route: TabRoute }) {
  const requested = route.path[1] as Section | undefined;
  const section: Section = requested && requested in pages ? requested : "settings";
  const Page = pages[section];
  return (
    <div className="stack">
      <TabList selectedValue={section} onTabSelect={(_, data) => navigate(`admin/${String(data.value)}`)} aria-label={strings.nav.admin}>
        {(Object.keys(pages) as Section[]).map((key) => (
          <Tab key={key} value={key}>
            {strings.nav[key]}
          </Tab>
        ))}
      </TabList>
      <Suspense fallback={<Loading />}>
        <Page params={route.params} />
      </Suspense>
    </div>
  );
}
