// Flag values in Docker's notation turned into the API's units: durations ("10s", "1m30s") to
// nanoseconds, memory ("64M", "1G", binary multiples as Docker reads them) to bytes, CPUs ("0.5")
// to nanoCPUs, with the stack files' parsers. Each throws UsageError naming the flag, so the
// operator sees one line.
import { UsageError } from "../client/usage-error.js";
import { parseBytes as bytesOf, parseDurationNs as durationNsOf, parseNanoCpus as nanoCpusOf } from "../stack/units.js";

/** Largest CPU count accepted for --limit-cpu / --reserve-cpu. */
export const cpusMax = 4096;

/** The stack parsers read the same notation; a flag's error names the flag instead of a key path. */
function asFlag<T>(flag: string, text: string, parse: (text: string) => T): T {
  try {
    return parse(text);
  } catch (error) {
    throw new UsageError(flag, (error as Error).message);
  }
}

/** "10s", "1m30s", "500ms", "0" → nanoseconds. */
export function parseDurationNs(flag: string, text: string): number {
  return asFlag(flag, text, durationNsOf);
}

/** "64M", "1g", "512k", "1048576" → bytes. */
export function parseBytes(flag: string, text: string): number {
  return asFlag(flag, text, bytesOf);
}

/** "0.5", "2" → nanoCPUs (1e9 per CPU). */
export function parseNanoCpus(flag: string, text: string): number {
  const nanoCpus = asFlag(flag, text, nanoCpusOf);
  if (nanoCpus > cpusMax * 1e9) throw new UsageError(flag, `"${text}" is more than ${cpusMax} CPUs`);
  return nanoCpus;
}

/** A non-negative integer such as a replica count or a retry count. */
export function parseCount(flag: string, text: string): number {
  const n = /^\d+$/.test(text.trim()) ? Number(text) : NaN;
  if (!Number.isSafeInteger(n)) throw new UsageError(flag, `"${text}" is not a whole number`);
  return n;
}

/** Nanoseconds as Docker prints durations: "1m30s", "500ms", "0s". */
export function formatDurationNs(ns: number): string {
  if (ns === 0) return "0s";
  if (ns < 1e6) return `${ns / 1e3}µs`;
  if (ns < 1e9) return `${ns / 1e6}ms`;
  let rest = ns / 1e9;
  const h = Math.floor(rest / 3600);
  rest -= h * 3600;
  const m = Math.floor(rest / 60);
  rest -= m * 60;
  const s = Math.round(rest * 1000) / 1000;
  return `${h ? `${h}h` : ""}${h || m ? `${m}m` : ""}${s}s`;
}
