import type { ReactNode } from "react";
import { makeStyles, tokens } from "@fluentui/react-components";

const usePanelStyles = makeStyles({
  panel: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalL,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    boxShadow: tokens.shadow4,
    "& h2, & h3": { margin: 0 },
  },
});

/**
 * A card-looking section. Fluent's Card is interactive (focus management, selection), which these
 * read-only sections do not need, and it costs ~27 kB of the first screen's script.
 */
export function Panel({ children }: { children: ReactNode }) {
  return <section className={usePanelStyles().panel}>{children}</section>;
}
