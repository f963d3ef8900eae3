// The order the agent sorts names and addresses in: by UTF-16 code unit, as `<` compares strings.
// `localeCompare` goes through ICU collation, which costs microseconds per comparison: a pass sorts
// thousands of peers, tasks and rules, and only needs an order that is the same on every pass.

/** Compares two strings by code unit: negative, zero or positive, for `Array.prototype.sort`. */
export function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
