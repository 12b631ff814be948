import { Button, Input, Select, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, makeStyles, tokens } from "@fluentui/react-components";
import { EmptyView } from "../../components/state-views.js";
import { strings } from "../../strings.js";
import { useTableStyles } from "./table-styles.js";
import { isGuid } from "../../../../contract/guid.js";

/** A rule as typed: the priority stays text until it is saved, so a half-typed "-" is not lost. */
export interface RuleDraft {
  key: number;
  groupId: string;
  accountType: string;
  priority: string;
}

export const groupIdProblem = (rule: RuleDraft) => (isGuid(rule.groupId.trim()) ? null : strings.accountTypeSettings.groupIdInvalid);
export const priorityProblem = (rule: RuleDraft) => {
  const value = Number(rule.priority);
  return rule.priority.trim() !== "" && Number.isInteger(value) && Math.abs(value) <= 1000 ? null : strings.accountTypeSettings.priorityInvalid;
};

const useStyles = makeStyles({
  error: { color: tokens.colorPaletteRedForeground1, display: "block" },
  // A GUID is 36 characters: its column gets the room, the others only what they need.
  groupColumn: { width: "50%" },
  priorityColumn: { width: "8rem" },
  fill: { width: "100%" },
});

/** Edits the group rules in place: group id, type, priority; rows are added and removed (docs/spec.md §5.1). */
export function GroupRulesEditor(props: {
  rules: RuleDraft[];
  choices: string[];
  showProblems: boolean;
  onChange(rules: RuleDraft[]): void;
  onAdd(): void;
}) {
  const table = useTableStyles();
  const styles = useStyles();
  const t = strings.accountTypeSettings;
  const edit = (key: number, patch: Partial<RuleDraft>) => props.onChange(props.rules.map((rule) => (rule.key === key ? { ...rule, ...patch } : rule)));
  const problem = (text: string | null, id: string) =>
    props.showProblems && text ? (
      <Text id={id} size={200} className={styles.error}>
        {text}
      </Text>
    ) : null;

  return (
    <>
      {props.rules.length === 0 ? (
        <EmptyView text={t.noRules} />
      ) : (
        <Table aria-label={t.rulesHeading} size="small" className={table.table}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell className={styles.groupColumn}>{t.groupId}</TableHeaderCell>
              <TableHeaderCell>{t.type}</TableHeaderCell>
              <TableHeaderCell className={styles.priorityColumn}>{t.priority}</TableHeaderCell>
              <TableHeaderCell>{strings.members.actions}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {props.rules.map((rule, index) => {
              const n = index + 1;
              const groupError = props.showProblems ? groupIdProblem(rule) : null;
              const priorityError = props.showProblems ? priorityProblem(rule) : null;
              return (
                <TableRow key={rule.key}>
                  <TableCell>
                    <Input
                      className={styles.fill}
                      value={rule.groupId}
                      onChange={(_, data) => edit(rule.key, { groupId: data.value })}
                      aria-label={t.groupIdLabel(n)}
                      aria-invalid={groupError !== null}
                      aria-describedby={groupError ? `rule-${rule.key}-group-error` : undefined}
                      autoComplete="off"
                      spellCheck={false}
                    />
                    {problem(groupError, `rule-${rule.key}-group-error`)}
                  </TableCell>
                  <TableCell>
                    <Select value={rule.accountType} onChange={(_, data) => edit(rule.key, { accountType: data.value })} aria-label={t.typeLabel(n)}>
                      {props.choices.map((type) => (
                        <option key={type} value={type}>
                          {strings.accountTypes[type] ?? type}
                        </option>
                      ))}
                    </Select>
                  </TableCell>
                  <TableCell>
                    <Input
                      className={styles.fill}
                      type="number"
                      value={rule.priority}
                      onChange={(_, data) => edit(rule.key, { priority: data.value })}
                      aria-label={t.priorityLabel(n)}
                      aria-invalid={priorityError !== null}
                      aria-describedby={priorityError ? `rule-${rule.key}-priority-error` : undefined}
                    />
                    {problem(priorityError, `rule-${rule.key}-priority-error`)}
                  </TableCell>
                  <TableCell>
                    <Button aria-label={t.removeRule(n)} onClick={() => props.onChange(props.rules.filter((other) => other.key !== rule.key))}>
                      {t.remove}
                    </Button>
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      )}
      <div>
        <Button onClick={props.onAdd}>{t.addRule}</Button>
      </div>
    </>
  );
}
