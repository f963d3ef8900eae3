// Brings one validated file to the shapes merging and conversion expect: list-or-mapping keys
// become mappings, short port/volume/secret forms become long ones, single strings become lists.
// New containers inherit the source position of what they replace.
import { asText } from "./as-text.js";
import { copyPos, keyPos, recordKeyPos, recordPos } from "./source-map.js";
import { parseShortPort, parseShortVolume, SyntaxProblem } from "./short-syntax.js";
import { StackFileError, type PathStep, type SourcePos } from "./stack-file-error.js";
import { TaggedValue } from "./tagged-value.js";

type Dict = Record<string, unknown>;

function isDict(value: unknown): value is Dict {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof TaggedValue);
}

/** Applies `fix` to `parent[key]`, looking through a merge tag and keeping it. */
function rewrite(parent: Dict, key: string, fix: (value: unknown, at: SourcePos | undefined) => unknown): void {
  if (!(key in parent)) return;
  const value = parent[key];
  const at = keyPos(parent, key);
  if (value instanceof TaggedValue)
    parent[key] = new TaggedValue(value.tag, value.tag === "!reset" ? value.value : fix(value.value, at));
  else parent[key] = fix(value, at);
}

/** `["A=1", "B"]` → `{A: "1", B: null}` (`emptyValue` for entries without "="); a mapping is kept. */
function listToDict(emptyValue: string | null, separator = "="): (value: unknown) => unknown {
  return (value) => {
    if (!Array.isArray(value)) return value;
    const dict: Dict = {};
    copyPos(value, dict);
    value.forEach((entry, i) => {
      const text = asText(entry);
      const eq = text.indexOf(separator);
      const key = eq < 0 ? text : text.slice(0, eq);
      dict[key] = eq < 0 ? emptyValue : text.slice(eq + separator.length);
      const at = keyPos(value, i);
      if (at) recordKeyPos(dict, key, at);
    });
    return dict;
  };
}

function toList(value: unknown): unknown {
  return typeof value === "string" ? [value] : value;
}

/** Rebuilds a list item by item, keeping each item's position; `expand` may return several items. */
function mapList(
  path: PathStep[],
  expand: (item: unknown, at: SourcePos | undefined, here: PathStep[]) => unknown[],
): (value: unknown) => unknown {
  return (value) => {
    if (!Array.isArray(value)) return value;
    const out: unknown[] = [];
    copyPos(value, out);
    value.forEach((item, i) => {
      const at = keyPos(value, i);
      for (const next of expand(item, at, [...path, i])) {
        if (at) {
          recordKeyPos(out, out.length, at);
          if (typeof next === "object" && next !== null) recordPos(next, at);
        }
        out.push(next);
      }
    });
    return out;
  };
}

function syntax<T>(at: SourcePos | undefined, path: PathStep[], read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof SyntaxProblem) throw new StackFileError(at, path, error.message);
    throw error;
  }
}

function normalizeService(service: Dict, path: PathStep[]): void {
  rewrite(service, "environment", listToDict(null));
  rewrite(service, "labels", listToDict(""));
  rewrite(service, "annotations", listToDict(""));
  rewrite(service, "sysctls", listToDict(""));
  if (isDict(service.deploy)) rewrite(service.deploy, "labels", listToDict(""));
  rewrite(service, "depends_on", (value) => {
    if (!Array.isArray(value)) return value;
    const dict: Dict = {};
    copyPos(value, dict);
    value.forEach((name, i) => {
      dict[asText(name)] = { condition: "service_started" };
      const at = keyPos(value, i);
      if (at) recordKeyPos(dict, asText(name), at);
    });
    return dict;
  });
  rewrite(service, "env_file", (value) =>
    mapList([...path, "env_file"], (item) => [typeof item === "string" ? { path: item, required: true } : item])(
      toList(value),
    ),
  );
  for (const key of ["dns", "dns_search", "dns_opt", "tmpfs", "cap_add", "cap_drop"]) rewrite(service, key, toList);
  rewrite(service, "extra_hosts", (value) =>
    isDict(value) ? Object.entries(value).map(([host, ip]) => `${host}:${asText(ip)}`) : value,
  );
  rewrite(
    service,
    "ports",
    mapList([...path, "ports"], (item, at, here) =>
      isDict(item) ? [item] : syntax(at, here, () => parseShortPort(item as string | number)),
    ),
  );
  rewrite(
    service,
    "volumes",
    mapList([...path, "volumes"], (item, at, here) => [
      typeof item === "string" ? syntax(at, here, () => parseShortVolume(item)) : item,
    ]),
  );
  for (const key of ["secrets", "configs"])
    rewrite(
      service,
      key,
      mapList([...path, key], (item) => [typeof item === "string" ? { source: item } : item]),
    );
}

/** Normalises one file in place (its top-level mappings are rebuilt where shapes change). */
export function normalizeFile(root: unknown): void {
  if (!isDict(root)) return;
  const services = root.services instanceof TaggedValue ? root.services.value : root.services;
  if (isDict(services)) {
    for (const [name, service] of Object.entries(services)) {
      const inner = service instanceof TaggedValue ? service.value : service;
      if (isDict(inner)) normalizeService(inner, ["services", name]);
    }
  }
  for (const kind of ["secrets", "configs", "volumes", "networks"]) {
    const objects = root[kind];
    if (!isDict(objects)) continue;
    for (const object of Object.values(objects)) if (isDict(object)) rewrite(object, "labels", listToDict(""));
  }
}
