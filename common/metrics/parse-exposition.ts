// Reads the text exposition back into samples: what tests and the CLI bench need to check a
// scrape, not a full Prometheus parser (no timestamps, no exemplars).
import { InvalidArgumentError } from "../errors.js";

/** One sample line of a scrape. */
export interface ParsedSample {
  /** The full sample name, suffix included (`swarm_raft_term`, `…_bucket`). */
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

const sampleLine = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)$/;
const labelPair = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"\s*,?\s*/y;

/** Parses a text exposition; throws InvalidArgumentError naming the line that does not parse. */
export function parseExposition(text: string): ParsedSample[] {
  const samples: ParsedSample[] = [];
  for (const [i, line] of text.split("\n").entries()) {
    if (line.trim() === "" || line.startsWith("#")) continue;
    const match = sampleLine.exec(line);
    if (!match) throw new InvalidArgumentError(`line ${i + 1}`, `not a sample: ${line}`);
    const labels: Record<string, string> = {};
    const body = match[2] ?? "";
    labelPair.lastIndex = 0;
    while (labelPair.lastIndex < body.length) {
      const pair = labelPair.exec(body);
      if (!pair) throw new InvalidArgumentError(`line ${i + 1}`, `bad labels: ${body}`);
      labels[pair[1]!] = pair[2]!.replace(/\\(.)/g, (_, c: string) => (c === "n" ? "\n" : c));
    }
    const raw = match[3]!;
    const value = raw === "+Inf" ? Infinity : raw === "-Inf" ? -Infinity : Number(raw);
    if (Number.isNaN(value) && raw !== "NaN") throw new InvalidArgumentError(`line ${i + 1}`, `bad value: ${raw}`);
    samples.push({ name: match[1]!, labels, value });
  }
  return samples;
}
