// Docker's `filters` query parameter: URL-encoded JSON mapping each key to its values, either
// `{"key":{"value":true}}` (every client since 1.22) or the legacy `{"key":["value"]}`. Values of
// one key widen the match (OR), keys narrow it (AND). An unknown key is refused with Docker's
// message, so a typo never silently lists everything.
import { HttpError } from "../http-error.js";

/** Parsed filters: each key with its values. */
export type Filters = ReadonlyMap<string, readonly string[]>;

/** Most filter values one request may carry, over all keys. */
export const filterValuesMax = 1_000;

/** Parses a `filters` parameter (null or "" → no filters) and checks its keys against `allowed`. */
export function parseFilters(text: string | null, allowed: readonly string[]): Filters {
  const filters = new Map<string, string[]>();
  if (!text) return filters;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new HttpError(400, `invalid filter: ${text.slice(0, 200)}`);
  }
  if (parsed === null) return filters;
  if (typeof parsed !== "object" || Array.isArray(parsed)) throw new HttpError(400, "invalid filter: not an object");
  let count = 0;
  for (const [key, value] of Object.entries(parsed as Record<string, unknown>)) {
    if (!allowed.includes(key)) throw new HttpError(400, `invalid filter '${key}'`);
    let values: string[];
    if (Array.isArray(value) && value.every((v) => typeof v === "string")) values = value;
    else if (value !== null && typeof value === "object" && !Array.isArray(value))
      values = Object.entries(value as Record<string, unknown>)
        .filter(([, on]) => on === true)
        .map(([v]) => v);
    else throw new HttpError(400, `invalid filter '${key}': values must be an object or an array of strings`);
    count += values.length;
    if (count > filterValuesMax) throw new HttpError(400, `invalid filter: more than ${filterValuesMax} values`);
    filters.set(key, values);
  }
  return filters;
}

/** The values of one key ([] when absent). */
export function filterValues(filters: Filters, key: string): readonly string[] {
  return filters.get(key) ?? [];
}

/**
 * Whether labels pass `label` filter values: each value is `key` (the label exists) or `key=value`
 * (it has that value); every value must hold, as Docker's `filters.MatchKVList` requires.
 */
export function matchLabels(
  values: readonly string[],
  labels: Readonly<Record<string, string>> | null | undefined,
): boolean {
  for (const value of values) {
    const at = value.indexOf("=");
    const key = at === -1 ? value : value.slice(0, at);
    const have = labels?.[key];
    if (have === undefined) return false;
    if (at !== -1 && have !== value.slice(at + 1)) return false;
  }
  return true;
}

/** Whether `text` passes values matched by `test` (no values: everything passes; else any value). */
export function matchAny(values: readonly string[], test: (value: string) => boolean): boolean {
  return values.length === 0 || values.some(test);
}

/** Parses a boolean filter value (`_up-to-date`, `dangling`): "true"/"1" or "false"/"0". */
export function filterBool(key: string, value: string): boolean {
  if (value === "true" || value === "1") return true;
  if (value === "false" || value === "0") return false;
  throw new HttpError(400, `invalid filter '${key}=${value}': must be true or false`);
}
