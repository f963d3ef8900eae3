// The filters every List method shares (names, id prefixes, name prefixes, labels), with Docker's
// meaning: fields narrow (AND), values within a field widen (OR), a label filter with an empty
// value matches any value.

/** Common list filters. */
export interface CommonFilters {
  /** Exact names. */
  readonly names?: readonly string[] | null;
  /** Id prefixes. */
  readonly idPrefixes?: readonly string[] | null;
  /** Name prefixes. */
  readonly namePrefixes?: readonly string[] | null;
  /** Labels that must match. */
  readonly labels?: Readonly<Record<string, string>> | null;
}

/** Whether an object with this id, name and labels passes the filters. */
export function matchesFilters(
  filters: CommonFilters | null | undefined,
  id: string,
  name: string,
  labels: Readonly<Record<string, string>> | null | undefined,
): boolean {
  if (!filters) return true;
  if (filters.names?.length && !filters.names.includes(name)) return false;
  if (filters.idPrefixes?.length && !filters.idPrefixes.some((p) => id.startsWith(p))) return false;
  if (filters.namePrefixes?.length && !filters.namePrefixes.some((p) => name.startsWith(p))) return false;
  for (const [key, value] of Object.entries(filters.labels ?? {})) {
    const have = labels?.[key];
    if (have === undefined || (value !== "" && have !== value)) return false;
  }
  return true;
}
