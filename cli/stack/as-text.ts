// Scalar values as text, for the places a validated file may still hold a number or boolean
// where a string is wanted (Compose accepts `user: 1000`, interpolation yields strings).

/** A scalar as its string; a mapping or list (which the schema rules out) as JSON. */
export function asText(value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return String(value);
  if (value === null || value === undefined) return "";
  return JSON.stringify(value);
}
