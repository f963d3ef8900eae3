// The one way every list and inspect command prints: a Docker-like table by default, ids only with
// `--quiet`, one JSON value with `--format json`, or a Go-template-like `--format` per item.
import { parseTemplate } from "./template.js";
import { renderTable } from "./table.js";
import { alignTabs } from "./tabwriter.js";

/** Output choices common to list commands. */
export interface ListOutput {
  /** `--format`: "json", a template, or absent for the table. */
  readonly format?: string | undefined;
  /** `--quiet`: ids only. */
  readonly quiet?: boolean | undefined;
}

/** A list to print: the table's columns, one row object per item (keys are the column names). */
export interface ListData {
  /** Column headers, in order (e.g. "ID", "NAME"); a row's value for header "CURRENT STATE" is under "CurrentState". */
  readonly columns: readonly string[];
  /** One object per item, keyed by Docker's template field names (ID, Name, Mode …). */
  readonly rows: readonly Record<string, string>[];
}

/** Docker's template field name for a column header: "CURRENT STATE" → "CurrentState", "ID" → "ID". */
export function fieldOf(column: string): string {
  if (column === "ID") return "ID";
  return column
    .toLowerCase()
    .split(/\s+/)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join("");
}

/** Renders a list as the options ask. */
export function formatList(options: ListOutput, data: ListData): string {
  if (options.quiet) return data.rows.map((r) => `${r.ID ?? ""}\n`).join("");
  if (options.format === "json") return `${JSON.stringify(data.rows, null, 2)}\n`;
  if (options.format) return formatEach(options.format, data.rows);
  return renderTable(
    data.columns,
    data.rows.map((r) => data.columns.map((c) => r[fieldOf(c)] ?? "")),
  );
}

/** Renders each value through a template (one line each), or all of them as one JSON value. */
export function formatEach(format: string, values: readonly unknown[]): string {
  if (format === "json") return `${JSON.stringify(values, null, 2)}\n`;
  const template = parseTemplate(format);
  const lines = values.map((v) => `${template.render(v)}\n`);
  if (template.header === null) return lines.join("");
  // A table format aligns its tab-separated columns, header included, as Docker's tabwriter does.
  return alignTabs(`${template.header}\n${lines.join("")}`);
}
