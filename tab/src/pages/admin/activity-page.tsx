import { useState } from "react";
import { Field, Select, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text } from "@fluentui/react-components";
import { AUDIT_EVENT_TYPES, auditEndpoints, type AuditEventView, type AuditQuery } from "../../../../contract/audit.js";
import { useApp } from "../../app-context.js";
import { ListFooter } from "../../components/list-footer.js";
import { usePagedList } from "../../components/use-paged-list.js";
import { accountTypeName, strings } from "../../strings.js";
import { useTableStyles } from "./table-styles.js";

const words = strings.activity;

type Kind = "school" | "district" | "elearning";

function valueText(field: string, value: unknown, kind: Kind): string {
  if (value === null || value === undefined || value === "") return words.none;
  if (typeof value === "boolean") return value ? words.on : words.off;
  if (field === "role") return value === "admin" ? strings.members.admin : strings.members.member;
  if (field === "accountType" && typeof value === "string") return accountTypeName(value, kind);
  return String(value);
}

/** What happened, to whom: a sentence naming the subject, then before → after for each change. */
function EventDescription({ event, kind }: { event: AuditEventView; kind: Kind }) {
  const fieldName = (field: string) => (kind === "elearning" ? words.fieldsElearning[field] : undefined) ?? words.fields[field] ?? field;
  const subject = event.subjectName ?? words.someone;
  const sentence = words.sentence(event.action, subject, event.details ?? {}, kind) ?? words.actions[event.action] ?? event.action;
  return (
    <>
      <Text>{sentence}</Text>
      {event.changes.map((change) => (
        <Text as="p" size={200} key={change.field} data-testid="activity-change" style={{ margin: 0 }}>
          {words.change(fieldName(change.field), valueText(change.field, change.from, kind), valueText(change.field, change.to, kind))}
        </Text>
      ))}
    </>
  );
}

/** Activity (docs/spec.md §8): the organization's audit log, newest first, paged on the server, filtered by type. */
export default function ActivityPage() {
  const { api, session } = useApp();
  const styles = useTableStyles();
  const organization = session.membership!.organization;
  const [type, setType] = useState("");
  const list = usePagedList(
    (cursor) => api.call(auditEndpoints.list, { params: { orgId: organization.id }, query: { cursor, limit: 25, type: (type || undefined) as AuditQuery["type"] } }),
    `${organization.id}:${type}`,
  );
  return (
    <section aria-labelledby="activity-title" className="stack">
      <h1 id="activity-title" className="page-title">
        {words.title}
      </h1>
      <Field label={words.filterLabel}>
        <Select value={type} onChange={(_, data) => setType(data.value)} className={styles.menu}>
          <option value="">{words.types.all}</option>
          {AUDIT_EVENT_TYPES.map((value) => (
            <option key={value} value={value}>
              {words.types[value]}
            </option>
          ))}
        </Select>
      </Field>
      {list.items.length > 0 && (
        <Table aria-labelledby="activity-title" size="small" className={styles.table} role="table">
          <TableHeader>
            <TableRow role="row">
              <TableHeaderCell role="columnheader">{words.time}</TableHeaderCell>
              <TableHeaderCell role="columnheader">{words.actor}</TableHeaderCell>
              <TableHeaderCell role="columnheader">{words.action}</TableHeaderCell>
              <TableHeaderCell role="columnheader">{words.channel}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {list.items.map((event) => (
              <TableRow key={event.id} role="row" data-action={event.action}>
                <TableCell role="cell" data-label={words.time}>{new Date(event.time).toLocaleString()}</TableCell>
                <TableCell role="cell" data-label={words.actor}>{event.actorName ?? words.system}</TableCell>
                <TableCell role="cell" data-label={words.action}>
                  <EventDescription event={event} kind={organization.kind} />
                </TableCell>
                <TableCell role="cell" data-label={words.channel}>{words.channels[event.channel] ?? event.channel}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <ListFooter list={list} emptyText={words.empty} />
    </section>
  );
}
