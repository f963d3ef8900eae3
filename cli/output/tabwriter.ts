// Go's text/tabwriter, as Docker's CLI runs every `table` format through it: a tab ends a cell,
// and the cells of one column — in a block of consecutive lines that all have that column — are
// padded to the block's widest cell plus the padding, and to at least the minimum width. Text
// after a line's last tab is not part of a column and is written as is.

/** Docker's tabwriter settings for table formats (formatter.go: minwidth 10, tabwidth 1, padding 3, ' '). */
export const dockerTabwriter = { minWidthChars: 10, paddingChars: 3 } as const;

/** Aligns the tab-separated cells of `text` as Go's tabwriter with `options`; other text is kept. */
export function alignTabs(
  text: string,
  options: { minWidthChars: number; paddingChars: number } = dockerTabwriter,
): string {
  const endsWithNewline = text.endsWith("\n");
  const lines = (endsWithNewline ? text.slice(0, -1) : text).split("\n").map((line) => line.split("\t"));
  const out: string[] = [];
  const widths: number[] = [];
  /** Writes lines [from, to) with the column widths known so far. */
  const writeLines = (from: number, to: number): void => {
    for (let i = from; i < to; i++) {
      const cells = lines[i]!;
      out.push(
        cells
          .map((cell, j) =>
            j < cells.length - 1 && j < widths.length ? cell + " ".repeat(Math.max(0, widths[j]! - runes(cell))) : cell,
          )
          .join(""),
      );
    }
  };
  /** Formats lines [line0, line1) from column `widths.length` on, as tabwriter's format(). */
  const format = (line0: number, line1: number): void => {
    const column = widths.length;
    let start = line0;
    for (let i = line0; i < line1; i++) {
      if (column >= lines[i]!.length - 1) continue;
      // A block of lines that all have a cell in this column starts here.
      writeLines(start, i);
      start = i;
      let width = options.minWidthChars;
      for (; i < line1 && column < lines[i]!.length - 1; i++)
        width = Math.max(width, runes(lines[i]![column]!) + options.paddingChars);
      widths.push(width);
      format(start, i);
      widths.pop();
      start = i;
      i -= 1;
    }
    writeLines(start, line1);
  };
  format(0, lines.length);
  return out.join("\n") + (endsWithNewline ? "\n" : "");
}

/** Width of a cell as tabwriter counts it: in characters (code points), not UTF-16 units. */
function runes(text: string): number {
  let n = 0;
  for (const _ of text) n += 1;
  return n;
}
