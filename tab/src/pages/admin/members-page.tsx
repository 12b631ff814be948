import { useState } from "react";
import {
  Badge, Button, Checkbox, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, Input, Menu, MenuItem, MenuList,
  MenuPopover, MenuTrigger, Select, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow,
} from "@fluentui/react-components";
import { membersEndpoints, type MemberView, type UpdateMemberBody } from "../../../../contract/members.js";
import { useApp } from "../../app-context.js";
import { ListFooter } from "../../components/list-footer.js";
import { ErrorView } from "../../components/state-views.js";
import { useDebounced, usePagedList } from "../../components/use-paged-list.js";
import { accountTypeIn, strings } from "../../strings.js";
import { useTableStyles } from "./table-styles.js";
import { TeacherConfirmation } from "./teacher-confirmation.js";
import { LastSeenDay } from "./last-seen-day.js";
import { MemberSelectionActions, type RecheckTarget } from "./member-selection-actions.js";

type MemberAccountType = NonNullable<MemberView["accountType"]>;

/** "Not seen for N days" choices of the filter. */
const INACTIVE_DAYS = [30, 60, 90, 180, 365];

/**
 * Members (docs/spec.md §8): type and its source, change type, make admin, remove; last sign-in as a day,
 * a "not seen for N days" filter, re-checks of account types and removal of a selection; searched and
 * paged on the server. A district shows each member's tenant.
 */
export default function MembersPage() {
  const { api, session } = useApp();
  const styles = useTableStyles();
  const organization = session.membership!.organization;
  const orgId = organization.id;
  const [search, setSearch] = useState("");
  const q = useDebounced(search.trim());
  const [inactiveDays, setInactiveDays] = useState("");
  const list = usePagedList((cursor) => api.call(membersEndpoints.list, { params: { orgId }, query: { q, cursor, limit: 20, inactiveDays: inactiveDays || undefined } }), `${q}|${inactiveDays}`);
  const [actionError, setActionError] = useState<unknown>(null);
  const [selectedIds, setSelectedIds] = useState<Set<string>>(new Set());
  const [recheckTarget, setRecheckTarget] = useState<RecheckTarget | null>(null);
  const [notice, setNotice] = useState("");
  const selected = list.items.filter((m) => selectedIds.has(m.userId));
  const showTenant = organization.kind === "district";
  const toggle = (userId: string, on: boolean) =>
    setSelectedIds((previous) => {
      const next = new Set(previous);
      if (on) next.add(userId);
      else next.delete(userId);
      return next;
    });
  const allSelected = list.items.length > 0 && list.items.every((m) => selectedIds.has(m.userId));
  const [removing, setRemoving] = useState<MemberView | null>(null);
  const types = organization.kind === "elearning" ? ["creator", "learner"] : ["teacher", "student"];

  const change = async (member: MemberView, patch: UpdateMemberBody) => {
    setActionError(null);
    try {
      const updated = await api.call(membersEndpoints.update, { params: { orgId, userId: member.userId }, body: patch });
      list.update((m) => m.userId === member.userId, updated);
    } catch (failure) {
      setActionError(failure);
    }
  };
  const remove = async (member: MemberView) => {
    setRemoving(null);
    setActionError(null);
    try {
      await api.call(membersEndpoints.remove, { params: { orgId, userId: member.userId } });
      list.update((m) => m.userId === member.userId, null);
    } catch (failure) {
      setActionError(failure);
    }
  };

  return (
    <section aria-labelledby="members-title" className="stack">
      <h1 id="members-title" className="page-title">
        {strings.members.title}
      </h1>
      <Input type="search" value={search} onChange={(_, data) => setSearch(data.value)} aria-label={strings.members.search} placeholder={strings.members.search} />
      <Select aria-label={strings.members.inactiveFilter} value={inactiveDays} onChange={(_, data) => setInactiveDays(data.value)}>
        <option value="">{strings.members.inactiveAll}</option>
        {INACTIVE_DAYS.map((days) => (
          <option key={days} value={String(days)}>
            {strings.members.inactiveFor(days)}
          </option>
        ))}
      </Select>
      <MemberSelectionActions
        orgId={orgId}
        selected={selected}
        recheckTarget={recheckTarget}
        onRecheckTarget={setRecheckTarget}
        onChanged={(message) => {
          setActionError(null);
          setNotice(message);
          setSelectedIds(new Set());
          list.reload();
        }}
        onError={setActionError}
      />
      <p role="status">{notice}</p>
      {actionError !== null && <ErrorView error={actionError} />}
      {list.items.length > 0 && (
        <Table aria-labelledby="members-title" size="small" className={styles.table} role="table">
          <TableHeader>
            <TableRow role="row">
              <TableHeaderCell className={styles.narrow} role="columnheader">
                <Checkbox
                  aria-label={strings.members.selectAll}
                  checked={allSelected ? true : selected.length > 0 ? "mixed" : false}
                  onChange={(_, data) => setSelectedIds(data.checked === true ? new Set(list.items.map((m) => m.userId)) : new Set())}
                />
              </TableHeaderCell>
              <TableHeaderCell role="columnheader">{strings.members.name}</TableHeaderCell>
              <TableHeaderCell role="columnheader">{strings.members.email}</TableHeaderCell>
              <TableHeaderCell role="columnheader">{strings.members.type}</TableHeaderCell>
              <TableHeaderCell role="columnheader">{strings.members.source}</TableHeaderCell>
              <TableHeaderCell role="columnheader">{strings.members.role}</TableHeaderCell>
              <TableHeaderCell role="columnheader">{strings.members.lastSeen}</TableHeaderCell>
              {showTenant && <TableHeaderCell role="columnheader">{strings.members.tenant}</TableHeaderCell>}
              <TableHeaderCell role="columnheader">{strings.members.actions}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {list.items.map((member) => (
              <TableRow key={member.userId} role="row">
                <TableCell role="cell">
                  <Checkbox aria-label={strings.members.select(member.displayName)} checked={selectedIds.has(member.userId)} onChange={(_, data) => toggle(member.userId, data.checked === true)} />
                </TableCell>
                <TableCell role="cell" data-label={strings.members.name}>{member.displayName}</TableCell>
                <TableCell role="cell" data-label={strings.members.email}>{member.email ?? ""}</TableCell>
                <TableCell role="cell" data-label={strings.members.type}>
                  <Select
                    size="small"
                    className={styles.menu}
                    aria-label={strings.members.changeType(member.displayName)}
                    value={member.accountType ? accountTypeIn(member.accountType, organization.kind) : ""}
                    onChange={(_, data) => void change(member, { accountType: data.value as MemberAccountType })}
                  >
                    {member.accountType === null && <option value="">{strings.home.accountTypeUnknown}</option>}
                    {types.map((type) => (
                      <option key={type} value={type}>
                        {strings.accountTypes[type]}
                      </option>
                    ))}
                  </Select>
                  <TeacherConfirmation member={member} kind={organization.kind} onConfirm={(accountType) => void change(member, { accountType: accountType as MemberAccountType })} />
                  {member.accountTypeRecheck && <Badge appearance="outline">{strings.members.recheckPending}</Badge>}
                </TableCell>
                <TableCell role="cell" data-label={strings.members.source}>{member.accountTypeSource ? strings.members.sources[member.accountTypeSource] : ""}</TableCell>
                <TableCell role="cell" data-label={strings.members.role}>{member.isAdmin ? <Badge appearance="tint">{strings.members.admin}</Badge> : strings.members.member}</TableCell>
                <TableCell role="cell" data-label={strings.members.lastSeen}>
                  <LastSeenDay day={member.lastSeenOn} />
                </TableCell>
                {showTenant && <TableCell role="cell" data-label={strings.members.tenant}>{member.tenant.domain ?? member.tenant.tid}</TableCell>}
                <TableCell role="cell">
                  <Menu>
                    <MenuTrigger disableButtonEnhancement>
                      <Button size="small" aria-label={strings.members.moreActions(member.displayName)}>
                        …
                      </Button>
                    </MenuTrigger>
                    <MenuPopover>
                      <MenuList>
                        <MenuItem onClick={() => void change(member, { isAdmin: !member.isAdmin })}>
                          {member.isAdmin ? strings.members.removeAdmin : strings.members.makeAdmin}
                        </MenuItem>
                        <MenuItem onClick={() => setRecheckTarget({ members: [member] })}>{strings.members.recheck}</MenuItem>
                        <MenuItem onClick={() => setRemoving(member)}>{strings.members.remove}</MenuItem>
                      </MenuList>
                    </MenuPopover>
                  </Menu>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <ListFooter list={list} emptyText={strings.members.empty} />
      <Dialog open={removing !== null} onOpenChange={(_, data) => !data.open && setRemoving(null)}>
        <DialogSurface>
          <DialogBody>
            <DialogTitle>{removing ? strings.members.removeConfirmTitle(removing.displayName) : ""}</DialogTitle>
            <DialogContent>{strings.members.removeConfirmBody}</DialogContent>
            <DialogActions>
              <Button appearance="primary" onClick={() => removing && void remove(removing)}>
                {strings.members.remove}
              </Button>
              <Button onClick={() => setRemoving(null)}>{strings.cancel}</Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </section>
  );
}
