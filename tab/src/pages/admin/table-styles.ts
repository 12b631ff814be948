import { makeStyles } from "@fluentui/react-components";

/** Admin tables: long emails wrap instead of spilling into the next column; the checkbox column stays narrow. */
export const useTableStyles = makeStyles({
  table: { "& td, & th": { overflowWrap: "anywhere", verticalAlign: "top" } },
  narrow: { width: "44px" },
});
