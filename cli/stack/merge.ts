// Merges normalised stack files as Compose does: mappings key by key, scalars overridden by the
// later file, lists appended, except that ports, volumes, secrets and configs merge entries with
// the same unique key, and command, entrypoint and healthcheck.test are replaced whole. `!reset`
// removes a key and `!override` replaces a value without merging.
import { asText } from "./as-text.js";
import { containerPos, copyPos, keyPos, recordKeyPos, recordPos } from "./source-map.js";
import { TaggedValue } from "./tagged-value.js";

type Dict = Record<string, unknown>;

const removed = Symbol("removed");

function isDict(value: unknown): value is Dict {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof TaggedValue);
}

/** The unique key of a list entry, for the lists Compose merges by key. */
const uniqueKeys: Record<string, (item: Dict) => string> = {
  ports: (p) => [p.host_ip ?? "", p.target ?? "", p.published ?? "", p.protocol ?? "tcp"].map(String).join("|"),
  volumes: (v) => asText(v.target ?? ""),
  secrets: (s) => asText(s.target ?? s.source ?? ""),
  configs: (c) => asText(c.target ?? c.source ?? ""),
};

const replacedKeys = new Set(["command", "entrypoint"]);

/** Which rule applies at `path` (service keys only). */
function ruleAt(path: readonly string[]): "replace" | ((item: Dict) => string) | undefined {
  if (path[0] !== "services" || path.length < 3) return undefined;
  if (path.length === 3 && replacedKeys.has(path[2]!)) return "replace";
  if (path.length === 4 && path[2] === "healthcheck" && path[3] === "test") return "replace";
  return path.length === 3 ? uniqueKeys[path[2]!] : undefined;
}

/** Resolves the tags left in a value that has nothing to merge with; keeps containers and positions. */
function settle(value: unknown): unknown {
  if (value instanceof TaggedValue) return value.tag === "!reset" ? removed : settle(value.value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) value[i] = settle(value[i]);
    return value;
  }
  if (isDict(value)) {
    for (const [key, inner] of Object.entries(value)) {
      const next = settle(inner);
      if (next === removed) delete value[key];
      else value[key] = next;
    }
  }
  return value;
}

function mergeValue(base: unknown, over: unknown, path: readonly string[]): unknown {
  if (over instanceof TaggedValue) return settle(over);
  if (base === undefined) return settle(over);
  const rule = ruleAt(path);
  if (rule === "replace") return settle(over);
  if (Array.isArray(base) && Array.isArray(over)) return mergeLists(base, over, path, rule);
  if (isDict(base) && isDict(over)) return mergeDicts(base, over, path);
  return settle(over);
}

function mergeDicts(base: Dict, over: Dict, path: readonly string[]): Dict {
  const out: Dict = {};
  copyPos(base, out);
  for (const [key, value] of Object.entries(base)) out[key] = value;
  for (const [key, value] of Object.entries(over)) {
    const next = mergeValue(base[key], value, [...path, key]);
    if (next === removed) {
      delete out[key];
      continue;
    }
    out[key] = next;
    const at = keyPos(over, key);
    if (at) recordKeyPos(out, key, at);
  }
  return out;
}

function mergeLists(
  base: unknown[],
  over: unknown[],
  path: readonly string[],
  keyOf: ((item: Dict) => string) | undefined,
): unknown[] {
  const out: unknown[] = [];
  copyPos(base, out);
  const push = (item: unknown, from: unknown[], i: number): void => {
    const at = keyPos(from, i);
    if (at) recordKeyPos(out, out.length, at);
    out.push(item);
  };
  base.forEach((item, i) => push(item, base, i));
  over.forEach((raw, i) => {
    const item = settle(raw);
    if (item === removed) return;
    const key = keyOf && isDict(item) ? keyOf(item) : undefined;
    const same = key === undefined ? -1 : out.findIndex((old) => isDict(old) && keyOf!(old) === key);
    if (same < 0) return push(item, over, i);
    out[same] = mergeDicts(out[same] as Dict, item as Dict, [...path, asText(same)]);
    const at = keyPos(over, i);
    if (at) recordKeyPos(out, same, at);
  });
  return out;
}

/** Merges the files in order, each overriding the ones before; the first file's tags are resolved too. */
export function mergeFiles(files: readonly unknown[]): Dict {
  let merged: Dict = {};
  const first = files[0];
  const at = containerPos(first);
  if (at) recordPos(merged, at);
  for (const file of files) {
    const next = mergeValue(merged, isDict(file) ? file : {}, []);
    merged = isDict(next) ? next : {};
  }
  return merged;
}
