import { makeStyles, tokens } from "@fluentui/react-components";

/**
 * Admin tables. Words wrap only between words (a long email may still break, as nothing else fits).
 * Below 600 px — Teams on a phone, the side panel — each row becomes a card: every cell on its own
 * line under its column's name (`data-label`), so nothing is squeezed to a few letters. The header
 * row stays in the accessibility tree (visually hidden), and the explicit roles keep the table a
 * table for screen readers when its display changes.
 */
export const useTableStyles = makeStyles({
  table: {
    "& td, & th": { overflowWrap: "break-word", wordBreak: "normal", hyphens: "manual", verticalAlign: "top" },
    "@media (max-width: 600px)": {
      "& thead": { position: "absolute", width: "1px", height: "1px", overflow: "hidden", clipPath: "inset(50%)", whiteSpace: "nowrap" },
      "& tbody, & tr, & td": { display: "block", width: "auto" },
      "& tr": {
        borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
        paddingTop: tokens.spacingVerticalS,
        paddingBottom: tokens.spacingVerticalS,
      },
      "& td": { paddingTop: tokens.spacingVerticalXXS, paddingBottom: tokens.spacingVerticalXXS, height: "auto", minHeight: 0 },
      "& td[data-label]::before": {
        content: "attr(data-label)",
        display: "block",
        fontWeight: tokens.fontWeightSemibold,
        color: tokens.colorNeutralForeground2,
        fontSize: tokens.fontSizeBase200,
      },
    },
  },
  narrow: { width: "44px" },
  /** A menu in a cell keeps room for its longest choice ("Teacher", "Learner"), never "Te". */
  menu: { minWidth: "9em", maxWidth: "100%" },
});
