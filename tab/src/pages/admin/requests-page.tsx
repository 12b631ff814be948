import { useState } from "react";
import {
  Badge, Button, Checkbox, Input, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text,
} from "@fluentui/react-components";
import { RejectDialog } from "./reject-dialog.js";
import { usePendingCount } from "./pending-count.js";
import { requestsEndpoints, type DecisionProblem, type JoinRequestDecision, type JoinRequestItem } from "../../../../contract/requests.js";
import { PROBLEM_CODES } from "../../../../contract/problems.js";
import { ApiError } from "../../api-client/problem.js";
import { useApp } from "../../app-context.js";
import { ListFooter } from "../../components/list-footer.js";
import { ErrorView } from "../../components/state-views.js";
import { useDebounced, usePagedList } from "../../components/use-paged-list.js";
import { accountTypeName, strings } from "../../strings.js";
import { useTableStyles } from "./table-styles.js";

/** Why a decision did not apply, in words: "Already approved by X" for the first-decision-wins 409 (docs/spec.md §6). */
function problemText(problem: DecisionProblem): string {
  if (problem.code === PROBLEM_CODES.requestAlreadyDecided && problem.decidedBy) {
    return strings.requests.alreadyDecided(problem.decision ?? "approved", problem.decidedBy.name);
  }
  return problem.detail ?? problem.code;
}

function statusText(request: JoinRequestItem): string {
  if (request.status === "pending") return strings.requests.pendingStatus;
  if (request.status === "expired") return strings.requests.expired;
  return strings.requests.decided(request.status, request.decidedBy?.name ?? strings.activity.system);
}

/** A rejection's reason and when the person may ask again, as the admin sees them. */
function RejectionFacts({ request }: { request: JoinRequestItem }) {
  if (request.status !== "rejected") return null;
  return (
    <>
      {request.reason && (
        <Text as="p" size={200} style={{ margin: 0 }}>
          {strings.requests.reasonShown(request.reason)}
        </Text>
      )}
      {request.canAskAgainAt && (
        <Text as="p" size={200} style={{ margin: 0 }}>
          {strings.requests.canAskAgain(new Date(request.canAskAgainAt).toLocaleDateString())}
        </Text>
      )}
    </>
  );
}

/** Management requests (docs/spec.md §6): pending first, approve or reject one or many. */
export default function RequestsPage() {
  const { api, session } = useApp();
  const styles = useTableStyles();
  const orgId = session.membership!.organization.id;
  const [search, setSearch] = useState("");
  const q = useDebounced(search.trim());
  const list = usePagedList((cursor) => api.call(requestsEndpoints.list, { params: { orgId }, query: { q, cursor, limit: 25 } }), q);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const pending = list.items.filter((r) => r.status === "pending");
  const pendingCount = usePendingCount();
  // Reject asks first: the person is told, and waits before asking again.
  const [rejecting, setRejecting] = useState<{ requests: JoinRequestItem[]; bulk: boolean } | null>(null);
  const kind = session.membership!.organization.kind;

  const applyResult = (id: string, request: JoinRequestItem | undefined, problem: DecisionProblem | undefined) => {
    if (request) list.update((r) => r.id === id, request);
    // First decision wins (docs/spec.md §6): the row now shows the other admin's decision instead of "pending".
    const decidedElsewhere = problem?.code === PROBLEM_CODES.requestAlreadyDecided && problem.decidedBy;
    if (decidedElsewhere) {
      const status = problem.decision === "rejected" ? "rejected" : "approved";
      list.update((r) => r.id === id, { ...list.items.find((r) => r.id === id)!, status, decidedBy: problem.decidedBy! });
    }
    setNotes((previous) => ({ ...previous, [id]: problem ? problemText(problem) : "" }));
    setSelected((previous) => new Set([...previous].filter((x) => x !== id)));
  };

  const decideOne = async (request: JoinRequestItem, decision: JoinRequestDecision, reason?: string) => {
    setBusy(true);
    setError(null);
    try {
      const answer = await (decision === "approve"
        ? api.call(requestsEndpoints.approve, { params: { orgId, id: request.id } })
        : api.call(requestsEndpoints.reject, { params: { orgId, id: request.id }, body: reason ? { reason } : {} }));
      applyResult(request.id, answer.request, undefined);
    } catch (failure) {
      if (failure instanceof ApiError && failure.status === 409) applyResult(request.id, undefined, failure.body as DecisionProblem);
      else setError(failure);
    } finally {
      setBusy(false);
      pendingCount.refresh();
    }
  };

  const decideSelected = async (decision: JoinRequestDecision, reason?: string) => {
    setBusy(true);
    setError(null);
    try {
      const answer = await api.call(requestsEndpoints.decideMany, {
        params: { orgId },
        body: { decisions: [...selected].map((id) => ({ id, decision, ...(reason ? { reason } : {}) })) },
      });
      for (const result of answer.results) applyResult(result.id, result.request, result.ok ? undefined : result.problem);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
      pendingCount.refresh();
    }
  };

  const confirmReject = (reason: string) => {
    const target = rejecting;
    setRejecting(null);
    if (!target) return;
    if (target.bulk) void decideSelected("reject", reason);
    else void decideOne(target.requests[0]!, "reject", reason);
  };

  const toggle = (id: string, on: boolean) =>
    setSelected((previous) => {
      const next = new Set(previous);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const allSelected = pending.length > 0 && pending.every((r) => selected.has(r.id));

  return (
    <section aria-labelledby="requests-title" className="stack">
      <h1 id="requests-title" className="page-title">
        {strings.requests.title}
      </h1>
      {pendingCount.count !== null && (
        <Text role="status" data-testid="pending-count">
          {strings.requests.pendingCount(pendingCount.count)}
        </Text>
      )}
      <Input type="search" value={search} onChange={(_, data) => setSearch(data.value)} aria-label={strings.requests.search} placeholder={strings.requests.search} />
      <div>
        <Button appearance="primary" disabled={busy || selected.size === 0} onClick={() => void decideSelected("approve")}>
          {strings.requests.approveSelected(selected.size)}
        </Button>{" "}
        <Button disabled={busy || selected.size === 0} onClick={() => setRejecting({ requests: list.items.filter((r) => selected.has(r.id)), bulk: true })}>
          {strings.requests.rejectSelected(selected.size)}
        </Button>
      </div>
      {error !== null && <ErrorView error={error} />}
      {list.items.length > 0 && (
        <Table aria-labelledby="requests-title" size="small" className={styles.table} role="table">
          <TableHeader>
            <TableRow role="row">
              <TableHeaderCell className={styles.narrow} role="columnheader">
                <Checkbox
                  aria-label={strings.requests.selectAll}
                  checked={allSelected ? true : selected.size > 0 ? "mixed" : false}
                  onChange={(_, data) => setSelected(data.checked === true ? new Set(pending.map((r) => r.id)) : new Set())}
                />
              </TableHeaderCell>
              <TableHeaderCell role="columnheader">{strings.requests.name}</TableHeaderCell>
              <TableHeaderCell role="columnheader">{strings.requests.detectedType}</TableHeaderCell>
              <TableHeaderCell role="columnheader">{strings.requests.age}</TableHeaderCell>
              <TableHeaderCell role="columnheader">{strings.requests.status}</TableHeaderCell>
              <TableHeaderCell role="columnheader">{strings.members.actions}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {list.items.map((request) => (
              <TableRow key={request.id} data-request-id={request.id} role="row">
                <TableCell role="cell">
                  {request.status === "pending" && (
                    <Checkbox
                      aria-label={strings.requests.select(request.user.displayName)}
                      checked={selected.has(request.id)}
                      onChange={(_, data) => toggle(request.id, data.checked === true)}
                    />
                  )}
                </TableCell>
                <TableCell role="cell" data-label={strings.requests.name}>
                  <Text weight="semibold">{request.user.displayName}</Text>
                  <br />
                  <Text size={200}>{request.user.email ?? ""}</Text>
                  {request.studentsWhoWillFollow > 0 && (
                    <>
                      <br />
                      <Badge appearance="outline" color="informative">{strings.requests.studentsFollow(request.studentsWhoWillFollow, kind)}</Badge>
                    </>
                  )}
                </TableCell>
                <TableCell role="cell" data-label={strings.requests.detectedType}>{request.detectedAccountType ? accountTypeName(request.detectedAccountType, kind) : strings.requests.unknownType}</TableCell>
                <TableCell role="cell" data-label={strings.requests.age}>{strings.requests.daysAgo(Math.floor((Date.now() - Date.parse(request.createdAt)) / 86_400_000))}</TableCell>
                <TableCell role="cell" data-label={strings.requests.status}>
                  {notes[request.id] ? (
                    <Text role="status" weight="semibold">
                      {notes[request.id]}
                    </Text>
                  ) : (
                    statusText(request)
                  )}
                  <RejectionFacts request={request} />
                </TableCell>
                <TableCell role="cell">
                  {request.status === "pending" && (
                    <>
                      <Button size="small" disabled={busy} onClick={() => void decideOne(request, "approve")} aria-label={`${strings.requests.approve} ${request.user.displayName}`}>
                        {strings.requests.approve}
                      </Button>{" "}
                      <Button size="small" disabled={busy} onClick={() => setRejecting({ requests: [request], bulk: false })} aria-label={`${strings.requests.reject} ${request.user.displayName}`}>
                        {strings.requests.reject}
                      </Button>
                    </>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <ListFooter list={list} emptyText={strings.requests.empty} />
      <RejectDialog requests={rejecting?.requests ?? null} onConfirm={confirmReject} onCancel={() => setRejecting(null)} />
    </section>
  );
}

