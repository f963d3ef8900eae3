// Tables as Docker prints them: a header of upper-case column names, then one line per row, each
// column padded to its widest cell plus three spaces (Go's tabwriter with padding 3).

/** Spaces between columns, as Docker's tabwriter uses. */
export const columnGapChars = 3;

/** Renders rows under the given headers; every line ends with a newline and has no trailing spaces. */
export function renderTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd((widths[i] ?? 0) + columnGapChars)))
      .join("")
      .trimEnd() + "\n";
  return line(headers) + rows.map(line).join("");
}
