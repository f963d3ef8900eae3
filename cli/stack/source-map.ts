// Line numbers for values that no longer carry their YAML nodes. Each mapping and sequence built
// from a stack file is registered here with the position of each of its keys or items; merging and
// normalising register the containers they build, so any value of the final model can be traced
// back to the file and line that set it.
import type { PathStep, SourcePos } from "./stack-file-error.js";
import { TaggedValue } from "./tagged-value.js";

interface ContainerPos {
  self: SourcePos;
  keys: Map<PathStep, SourcePos>;
}

const positions = new WeakMap<object, ContainerPos>();

/** Registers a mapping or sequence at `self`; its keys are added with {@link recordKeyPos}. */
export function recordPos(container: object, self: SourcePos): void {
  if (!positions.has(container)) positions.set(container, { self, keys: new Map() });
}

/** Registers where one key (or index) of a registered container was written. */
export function recordKeyPos(container: object, key: PathStep, at: SourcePos): void {
  const entry = positions.get(container);
  if (entry) entry.keys.set(key, at);
  else positions.set(container, { self: at, keys: new Map([[key, at]]) });
}

/** Where a registered container was written, if known. */
export function containerPos(container: unknown): SourcePos | undefined {
  return typeof container === "object" && container !== null ? positions.get(container)?.self : undefined;
}

/** Where a key of a container was written, falling back to the container itself. */
export function keyPos(container: unknown, key: PathStep): SourcePos | undefined {
  if (typeof container !== "object" || container === null) return undefined;
  const entry = positions.get(container);
  return entry?.keys.get(key) ?? entry?.self;
}

/** Gives `to` the registration of `from` (itself and its keys), for a container rebuilt from another. */
export function copyPos(from: object, to: object): void {
  const entry = positions.get(from);
  if (entry) positions.set(to, { self: entry.self, keys: new Map(entry.keys) });
}

/**
 * The position of the value at `path` under `root`: the deepest key along the path that has a
 * known position, so a path into a value that was built later still points at the closest line.
 */
export function posAt(root: unknown, path: readonly PathStep[]): SourcePos | undefined {
  let best = containerPos(root);
  let node: unknown = root;
  for (const step of path) {
    if (node instanceof TaggedValue) node = node.value;
    if (typeof node !== "object" || node === null) break;
    const at = positions.get(node)?.keys.get(step);
    node = (node as Record<PathStep, unknown>)[step];
    best = at ?? containerPos(node) ?? best;
  }
  return best;
}
