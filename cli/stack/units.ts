// Conversions of Compose values to the API's units: durations (Go syntax, "1m30s") to nanoseconds,
// memory ("64M", binary multiples as Docker reads them) to bytes, CPUs ("0.5") to nanoCPUs. Values
// may arrive as strings because interpolation produces strings; each parser accepts both.
import { asText } from "./as-text.js";

/** Why a value could not be converted, phrased to follow the key path ("must be integer"). */
export class UnitProblem extends Error {}

/** Nanoseconds per unit of a Go duration. */
const durationUnitsNs: Record<string, number> = {
  ns: 1,
  us: 1e3,
  µs: 1e3,
  μs: 1e3,
  ms: 1e6,
  s: 1e9,
  m: 60e9,
  h: 3600e9,
};
/** Longest duration accepted, in nanoseconds (a year; keeps every value far below 2^53). */
export const durationNsMax = 365 * 24 * 3600e9;

/** "1m30s", "10s", "500ms", "1.5h", "0" → nanoseconds. */
export function parseDurationNs(value: unknown): number {
  const text = asText(value).trim();
  if (text === "0") return 0;
  const part = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/y;
  let total = 0;
  let at = 0;
  while (at < text.length) {
    part.lastIndex = at;
    const m = part.exec(text);
    if (!m) throw new UnitProblem(`must be a duration such as "10s", "1m30s" or "500ms", got ${JSON.stringify(text)}`);
    total += Number(m[1]) * durationUnitsNs[m[2]!]!;
    at = part.lastIndex;
  }
  if (text === "") throw new UnitProblem('must be a duration such as "10s", got an empty string');
  if (total > durationNsMax) throw new UnitProblem(`must be at most a year, got ${JSON.stringify(text)}`);
  return Math.round(total);
}

const byteUnits: Record<string, number> = { "": 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4, p: 1024 ** 5 };

/** "64M", "1g", "512k", "1.5GiB", 1048576 → bytes, with binary multiples as Docker's RAMInBytes. */
export function parseBytes(value: unknown): number {
  if (typeof value === "number") {
    if (!Number.isSafeInteger(value) || value < 0)
      throw new UnitProblem(`must be a whole number of bytes, got ${value}`);
    return value;
  }
  const m = /^(\d+(?:\.\d+)?) ?([kKmMgGtTpP])?[iI]?[bB]?$/.exec(asText(value).trim());
  if (!m) throw new UnitProblem(`must be a size such as "64M" or "1g", got ${JSON.stringify(value)}`);
  const bytes = Math.round(Number(m[1]) * byteUnits[(m[2] ?? "").toLowerCase()]!);
  if (!Number.isSafeInteger(bytes)) throw new UnitProblem(`is too large: ${JSON.stringify(value)}`);
  return bytes;
}

/** "0.5", 2 → nanoCPUs (1e9 per CPU). */
export function parseNanoCpus(value: unknown): number {
  const text = asText(value).trim();
  if (!/^(\d+(\.\d*)?|\.\d+)$/.test(text))
    throw new UnitProblem(`must be a number of CPUs such as "0.5", got ${JSON.stringify(value)}`);
  return Math.round(Number(text) * 1e9);
}

/** A whole number, from a number or its decimal string, at least `min`. */
export function parseInteger(value: unknown, min = 0): number {
  const n =
    typeof value === "number" ? value : /^\s*-?\d+\s*$/.test(asText(value)) ? Number(asText(value).trim()) : Number.NaN;
  if (!Number.isSafeInteger(n)) throw new UnitProblem("must be integer");
  if (n < min) throw new UnitProblem(`must be at least ${min}`);
  return n;
}

/** A finite number, from a number or its decimal string. */
export function parseNumber(value: unknown): number {
  const n = typeof value === "number" ? value : asText(value).trim() === "" ? Number.NaN : Number(asText(value).trim());
  if (!Number.isFinite(n)) throw new UnitProblem("must be a number");
  return n;
}

/** true/false, or their strings as interpolation leaves them ("true", "False", "1", "0"). */
export function parseBoolean(value: unknown): boolean {
  if (typeof value === "boolean") return value;
  const text = asText(value).trim().toLowerCase();
  if (["true", "yes", "1"].includes(text)) return true;
  if (["false", "no", "0", ""].includes(text)) return false;
  throw new UnitProblem("must be boolean");
}

/** A permission mode: a number as written (0440 reads as octal in YAML), or an octal string "0440". */
export function parseFileMode(value: unknown): number {
  const mode =
    typeof value === "number"
      ? value
      : /^\s*0?[0-7]{1,4}\s*$/.test(asText(value))
        ? Number.parseInt(asText(value).trim(), 8)
        : Number.NaN;
  if (!Number.isInteger(mode) || mode < 0 || mode > 0o7777)
    throw new UnitProblem(`must be an octal file mode such as 0440, got ${JSON.stringify(value)}`);
  return mode;
}
