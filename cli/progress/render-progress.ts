// Drawing progress as Docker does: "overall progress: 2 out of 3 tasks", then one line per slot
// with a bar. On a terminal the block is redrawn in place; elsewhere (pipes, CI logs) only lines
// that changed are printed, so a log reads as a history rather than a flood.
import type { Progress } from "./progress-model.js";

/** Characters of a progress bar. */
export const barChars = 50;

/** "[=====>     ]" for a fraction 0..1 ("" for 0, as Docker leaves an idle slot blank). */
export function bar(fraction: number): string {
  if (fraction <= 0) return "";
  const filled = Math.min(barChars, Math.round(fraction * barChars));
  return `[${"=".repeat(Math.max(0, filled - 1))}>${" ".repeat(barChars - filled)}]`;
}

/** The text lines of one reading. */
export function progressLines(progress: Progress): string[] {
  const width = Math.max(0, ...progress.lines.map((l) => l.state.length));
  return [
    `overall progress: ${progress.done} out of ${progress.total} tasks`,
    ...progress.lines.map((l) =>
      `${l.label}: ${l.error ? `${l.state || "failed"}: ${l.error}` : `${l.state.padEnd(width)} ${bar(l.fraction)}`}`.trimEnd(),
    ),
  ];
}

/** Writes successive readings to a stream, redrawing on a TTY. */
export class ProgressWriter {
  private drawn: string[] = [];

  constructor(private readonly stream: { write(text: string): unknown; isTTY?: boolean }) {}

  /** Shows one reading. */
  show(progress: Progress): void {
    const lines = progressLines(progress);
    if (this.stream.isTTY) {
      // Move up over the previous block, then rewrite every line, clearing what was there.
      const up = this.drawn.length > 0 ? `\x1b[${this.drawn.length}A` : "";
      this.stream.write(up + lines.map((l) => `\x1b[2K${l}\n`).join(""));
      // A shorter block (fewer slots after a scale down) leaves stale lines below: clear them.
      if (this.drawn.length > lines.length) this.stream.write("\x1b[J");
    } else {
      const changed = lines.filter((l, i) => this.drawn[i] !== l);
      this.stream.write(changed.map((l) => `${l}\n`).join(""));
    }
    this.drawn = lines;
  }
}
