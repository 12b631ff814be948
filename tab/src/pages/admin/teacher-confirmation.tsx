import { Badge, Button, makeStyles, tokens } from "@fluentui/react-components";
import type { MemberView } from "../../../../contract/members.js";
import { accountTypeIn, accountTypeName, strings } from "../../strings.js";

const useStyles = makeStyles({
  box: { display: "flex", flexDirection: "column", alignItems: "flex-start", gap: tokens.spacingVerticalXS, marginTop: tokens.spacingVerticalXS },
  // Fluent's badge has a fixed height; in a narrow column the words must wrap inside it instead of spilling out.
  badge: { height: "auto", minHeight: "20px", whiteSpace: "normal", textAlign: "left" },
});

/** docs/spec.md §5: a self-chosen teacher (or creator) waits for an admin; confirming sets the type with source `admin`. */
export function TeacherConfirmation({ member, kind, onConfirm }: { member: MemberView; kind: "school" | "district" | "elearning"; onConfirm(accountType: string): void }) {
  const styles = useStyles();
  if (!member.teacherConfirmationPending || !member.accountType) return null;
  // Confirmed in the organization's own type: an eLearning organization accepts only creator or learner.
  const accountType = accountTypeIn(member.accountType, kind);
  return (
    <div className={styles.box}>
      <Badge appearance="tint" color="warning" className={styles.badge}>
        {strings.members.waitingForConfirmation}
      </Badge>
      <Button size="small" onClick={() => onConfirm(accountType)}>
        {strings.members.confirmAs(accountTypeName(accountType, kind))}
      </Button>
    </div>
  );
}
