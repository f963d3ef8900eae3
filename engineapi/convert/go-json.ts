// Helpers for writing JSON the way Go's encoding/json writes Docker's types: fields tagged
// `omitempty` vanish when they hold a zero value ("" / 0 / false / nil / an empty slice or map),
// struct values never do, and a nil map without omitempty is `null` (Docker's swagger forbids that
// for labels, so swarm-ts always writes `{}` there).

/** A JSON object being built; undefined values are dropped by JSON.stringify. */
export type JsonOut = { [key: string]: unknown };

/** The value, or undefined when Go's omitempty would drop it. */
export function omitEmpty<T>(value: T): T | undefined {
  if (value === null || value === undefined || value === "" || value === 0 || value === false) return undefined;
  if (Array.isArray(value) && value.length === 0) return undefined;
  if (value instanceof Map || value instanceof Set) return value.size === 0 ? undefined : value;
  return value;
}

/** A string map for an omitempty map field: undefined when empty. */
export function omitEmptyMap(
  map: Readonly<Record<string, string>> | null | undefined,
): Record<string, string> | undefined {
  return map && Object.keys(map).length > 0 ? { ...map } : undefined;
}

/** Labels as Docker always writes them: an object, `{}` when there are none. */
export function labelsOut(map: Readonly<Record<string, string>> | null | undefined): Record<string, string> {
  return map ? { ...map } : {};
}

/** Bytes as Go writes []byte: base64. */
export function base64Out(bytes: Uint8Array | null | undefined): string {
  return bytes && bytes.length > 0 ? Buffer.from(bytes).toString("base64") : "";
}
