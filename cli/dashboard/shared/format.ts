// Numbers and times as the page writes them. Pure: the caller gives the current time.

/** Bytes in binary units, as Docker prints memory: "512 MiB", "1.5 GiB". */
export function bytesText(bytes: number): string {
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = value >= 10 || unit === 0 ? 0 : 1;
  return `${value.toFixed(digits)} ${units[unit]}`;
}

/** NanoCPUs as CPUs: "0.5", "4". */
export function cpusText(nanoCpus: number): string {
  const cpus = nanoCpus / 1e9;
  return Number.isInteger(cpus) ? String(cpus) : cpus.toFixed(2).replace(/0+$/, "");
}

/** A span in words: "less than a second", "5 seconds", "3 minutes", "2 hours", "4 days". */
export function spanText(ms: number): string {
  const seconds = Math.floor(Math.max(0, ms) / 1000);
  if (seconds < 1) return "less than a second";
  if (seconds < 60) return seconds === 1 ? "1 second" : `${seconds} seconds`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return minutes === 1 ? "1 minute" : `${minutes} minutes`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return hours === 1 ? "1 hour" : `${hours} hours`;
  return `${Math.round(hours / 24)} days`;
}

/** "5 seconds ago" for a time in ms since the epoch seen at `nowMs`; "" for no time. */
export function agoText(thenMs: number, nowMs: number): string {
  return thenMs > 0 ? `${spanText(nowMs - thenMs)} ago` : "";
}

/** A time as the page's tables show it: "2026-11-01 12:34:56" in UTC. */
export function clockText(ms: number): string {
  return ms > 0 ? new Date(ms).toISOString().slice(0, 19).replace("T", " ") : "";
}

/** A share of a total as a whole percentage (0 when the total is 0). */
export function percentOf(part: number, total: number): number {
  return total > 0 ? Math.round((100 * part) / total) : 0;
}
