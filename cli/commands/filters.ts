// `--filter key=value` as Docker's list commands take it, turned into the List filters of the API.
import { UsageError } from "../client/usage-error.js";

/** Parsed `--filter` values by key; `label` values stay "k=v" or "k". */
export type FilterValues = Map<string, string[]>;

/** Parses `--filter` values, accepting only `allowed` keys. */
export function parseFilters(values: readonly string[] | undefined, allowed: readonly string[]): FilterValues {
  const out: FilterValues = new Map();
  for (const text of values ?? []) {
    const at = text.indexOf("=");
    const key = at === -1 ? "" : text.slice(0, at);
    if (!allowed.includes(key))
      throw new UsageError("--filter", `"${text}": expected one of ${allowed.map((k) => `${k}=…`).join(", ")}`);
    out.set(key, [...(out.get(key) ?? []), text.slice(at + 1)]);
  }
  return out;
}

/** The common API filters (names, id prefixes, labels) from parsed values. */
export function commonFilters(filters: FilterValues): {
  names?: string[];
  idPrefixes?: string[];
  labels?: Record<string, string>;
} {
  const labels = Object.fromEntries(
    (filters.get("label") ?? []).map((l) =>
      l.includes("=") ? [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)] : [l, ""],
    ),
  );
  return {
    ...(filters.has("name") ? { names: filters.get("name")! } : {}),
    ...(filters.has("id") ? { idPrefixes: filters.get("id")! } : {}),
    ...(filters.has("label") ? { labels } : {}),
  };
}
