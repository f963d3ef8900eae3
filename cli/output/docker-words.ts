// Docker's words for the API's enum values, as `docker inspect --format` prints them: a task's
// `{{.Status.State}}` is "running" where the API names it TASK_STATE_RUNNING, a node's
// `{{.Spec.Availability}}` "active", a restart condition "on-failure". `plain()` marks which fields
// of an inspected object are enums (a hidden table on each object, so JSON output is unchanged),
// and templates read those fields through it: a label or an environment value that happens to
// spell an enum name is never rewritten.

/** Where a plain object keeps the Docker words of its enum fields, by key. */
const wordsKey = Symbol("dockerWords");

/** Values of one enum, by their name without the prefix, and the word Docker prints for each. */
function words(
  prefix: string,
  names: readonly string[],
  word = (name: string) => name.toLowerCase(),
): [string, string][] {
  return names.map((name) => [`${prefix}${name}`, word(name)]);
}

const dashed = (name: string): string => name.toLowerCase().replace(/_/g, "-");

/** Every enum value Docker's objects show, by its API name. */
const dockerWords: ReadonlyMap<string, string> = new Map([
  ...words("TASK_STATE_", [
    "NEW",
    "PENDING",
    "ASSIGNED",
    "ACCEPTED",
    "PREPARING",
    "READY",
    "STARTING",
    "RUNNING",
    "COMPLETE",
    "SHUTDOWN",
    "FAILED",
    "REJECTED",
    "ORPHANED",
    "REMOVE",
  ]),
  ...words("STATE_", ["UNKNOWN", "DOWN", "READY", "DISCONNECTED"]),
  ...words("REACHABILITY_", ["UNKNOWN", "UNREACHABLE", "REACHABLE"]),
  ...words("ROLE_", ["WORKER", "MANAGER"]),
  ...words("AVAILABILITY_", ["ACTIVE", "PAUSE", "DRAIN"]),
  ...words("ISOLATION_", ["DEFAULT", "PROCESS", "HYPERV"]),
  ...words("RESTART_CONDITION_", ["ANY", "ON_FAILURE", "NONE"], dashed),
  ...words("FAILURE_ACTION_", ["PAUSE", "CONTINUE", "ROLLBACK"]),
  ...words("ORDER_", ["STOP_FIRST", "START_FIRST"], dashed),
  // An update that never ran has no state: Docker prints nothing.
  ...words(
    "UPDATE_STATE_",
    ["UNKNOWN", "UPDATING", "PAUSED", "COMPLETED", "ROLLBACK_STARTED", "ROLLBACK_PAUSED", "ROLLBACK_COMPLETED"],
    (name) => (name === "UNKNOWN" ? "" : name.toLowerCase()),
  ),
  ...words("PROTOCOL_", ["TCP", "UDP", "CFSSL"]),
  ...words("PUBLISH_MODE_", ["INGRESS", "HOST"]),
  ...words("RESOLUTION_MODE_", ["VIP", "DNSRR"]),
  ...words("TYPE_", ["BIND", "VOLUME", "TMPFS"]),
]);

/** Docker's word for an enum value's API name, or undefined when Docker shows no such value. */
export function dockerWord(apiName: string): string | undefined {
  return dockerWords.get(apiName);
}

type Tree = Record<string, unknown> | unknown[];

const isTree = (value: unknown): value is Tree => value !== null && typeof value === "object";

/**
 * Marks the enum fields of `named` (a message as toObject gives it: enum names, defaults left
 * out) from the same message with defaults, once with enum names (`full`) and once with numbers
 * (`numbered`): where those hold a string and a number, the field is an enum, and its word is
 * kept on `named` whether `named` shows the field or left it out as the default (a worker's
 * role, an active node's availability).
 */
export function markEnumFields(named: unknown, full: unknown, numbered: unknown): void {
  if (!isTree(named) || !isTree(full) || !isTree(numbered)) return;
  const table: Record<string, string> = {};
  for (const [key, value] of Object.entries(full)) {
    const other = (numbered as Record<string, unknown>)[key];
    if (typeof value === "string" && typeof other === "number") {
      const word = dockerWord(value);
      if (word !== undefined) table[key] = word;
    } else markEnumFields((named as Record<string, unknown>)[key], value, other);
  }
  if (Object.keys(table).length > 0) Object.defineProperty(named, wordsKey, { value: table, enumerable: false });
}

/** The keys of a plain object, with its enum fields left out as defaults. */
export function fieldNames(record: object): string[] {
  const table = (record as { [wordsKey]?: Record<string, string> })[wordsKey];
  const keys = Object.keys(record);
  return table ? [...keys, ...Object.keys(table).filter((k) => !(k in record))] : keys;
}

/** The value at `key` of `record` as Docker shows it: an enum field's Docker word, else the value. */
export function dockerValue(record: object, key: string): unknown {
  const table = (record as { [wordsKey]?: Record<string, string> })[wordsKey];
  const word = table?.[key];
  return word !== undefined ? word : (record as Record<string, unknown>)[key];
}

/** A copy of a value with every marked enum field in Docker's words (for `{{json …}}`). */
export function withDockerWords(value: unknown): unknown {
  if (!isTree(value)) return value;
  if (Array.isArray(value)) return value.map((_, i) => withDockerWords(dockerValue(value, String(i))));
  const out: Record<string, unknown> = {};
  for (const key of fieldNames(value)) out[key] = withDockerWords(dockerValue(value, key));
  return out;
}
