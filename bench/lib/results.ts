import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";

const RESULTS = resolve(fileURLToPath(new URL(".", import.meta.url)), "../RESULTS.md");

/** "2026-12-04 18:20" */
export const stamp = () => new Date().toISOString().slice(0, 16).replace("T", " ");

/** The machine's load beside every row: figures from a busy machine are not comparable. */
export const machineLoad = () => `${loadavg()[0]!.toFixed(1)}/${cpus().length}`;

/**
 * Adds a row at the end of a benchmark's table in bench/RESULTS.md, creating the section (heading,
 * description, table header) the first time. Other sections and notes after the table stay put.
 */
export function recordRow(section: string, description: string[], header: string[], row: string): void {
  const lines = existsSync(RESULTS) ? readFileSync(RESULTS, "utf8").trimEnd().split("\n") : ["# Benchmark results"];
  let at = lines.indexOf(section);
  if (at < 0) {
    lines.push("", section, "", ...description, "", `| ${header.join(" | ")} |`, `|${header.map(() => "---").join("|")}|`);
    at = lines.indexOf(section);
  }
  const tableStart = lines.findIndex((line, i) => i > at && line.startsWith("|"));
  let tableEnd = tableStart;
  while (tableEnd < lines.length && lines[tableEnd]!.startsWith("|")) tableEnd++;
  lines.splice(tableEnd, 0, `| ${row} |`);
  writeFileSync(RESULTS, `${lines.join("\n")}\n`);
}
