import { Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from "@fluentui/react-components";
import type { AuditPage } from "../../../../contract/audit.js";
import { useApp } from "../../app-context.js";
import { ListFooter } from "../../components/list-footer.js";
import { usePagedList } from "../../components/use-paged-list.js";
import { strings } from "../../strings.js";
import { useTableStyles } from "./table-styles.js";

/** Activity (SPEC §8): the organization's audit log, newest first, paged on the server. */
export default function ActivityPage() {
  const { api, session } = useApp();
  const styles = useTableStyles();
  const orgId = session.membership!.organization.id;
  const list = usePagedList((cursor) => api.get<AuditPage>(`/api/orgs/${encodeURIComponent(orgId)}/audit`, { cursor, limit: 25 }), orgId);
  return (
    <section aria-labelledby="activity-title" className="stack">
      <h1 id="activity-title" className="page-title">
        {strings.activity.title}
      </h1>
      {list.items.length > 0 && (
        <Table aria-labelledby="activity-title" size="small" className={styles.table}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell>{strings.activity.time}</TableHeaderCell>
              <TableHeaderCell>{strings.activity.actor}</TableHeaderCell>
              <TableHeaderCell>{strings.activity.action}</TableHeaderCell>
              <TableHeaderCell>{strings.activity.channel}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {list.items.map((event) => (
              <TableRow key={event.id}>
                <TableCell>{new Date(event.time).toLocaleString()}</TableCell>
                <TableCell>{event.actorName ?? strings.activity.system}</TableCell>
                <TableCell>{strings.activity.actions[event.action] ?? event.action}</TableCell>
                <TableCell>{strings.activity.channels[event.channel] ?? event.channel}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <ListFooter list={list} emptyText={strings.activity.empty} />
    </section>
  );
}
