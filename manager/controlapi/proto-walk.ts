// For tests: the API's message types read by reflection from the .proto sources (the same files the
// generated `swarm` root is made from), and every field path a request can carry. The exhaustive
// validation tests walk these paths, so a field added to the proto later is tested the day it is
// added, whether or not anyone remembered to validate it.
import { dirname, isAbsolute, join } from "node:path";
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import protobuf from "protobufjs";

const protoDir = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "proto");

let root: protobuf.Root | null = null;

/** The reflected root of every message of proto/swarm/v1 (loaded once). */
export function reflectedRoot(): protobuf.Root {
  if (root) return root;
  const loaded = new protobuf.Root();
  loaded.resolvePath = (_origin, target) =>
    isAbsolute(target) || target.startsWith("google/") ? target : join(protoDir, target);
  const sources = readdirSync(join(protoDir, "swarm", "v1"))
    .filter((f) => f.endsWith(".proto"))
    .sort()
    .map((f) => `swarm/v1/${f}`);
  loaded.loadSync(sources, { keepCase: false, alternateCommentMode: true });
  loaded.resolveAll();
  root = loaded;
  return loaded;
}

/** One step of a field path: a field by name, or the first element of a list. */
export type PathStep = { readonly field: string } | { readonly index: number };

/** A field reachable from a request type. */
export interface FieldPath {
  /** Steps from the request to the field. */
  readonly steps: readonly PathStep[];
  /** The field's reflection. */
  readonly field: protobuf.Field;
  /** Its enum, when it is one (or a list of one). */
  readonly enumType: protobuf.Enum | null;
  /** Its message type, when it is one. */
  readonly messageType: protobuf.Type | null;
}

/** The field path as the API names it: "spec.task.container.mounts[0].type". */
export function pathText(steps: readonly PathStep[]): string {
  let text = "";
  for (const step of steps) text += "field" in step ? (text === "" ? step.field : `.${step.field}`) : `[${step.index}]`;
  return text;
}

/**
 * Every field path reachable from `type`, depth first: a list's elements are reached through
 * index 0, a map's values are not walked (the API has no map of messages or enums; the caller
 * checks that with `mapValueTypes`). Well-known google types are leaves.
 */
export function fieldPaths(
  type: protobuf.Type,
  prefix: readonly PathStep[] = [],
  seen = new Set<string>(),
): FieldPath[] {
  if (seen.has(type.fullName)) return [];
  const inner = new Set(seen).add(type.fullName);
  const out: FieldPath[] = [];
  for (const field of type.fieldsArray) {
    const resolved = field.resolve().resolvedType;
    const enumType = resolved instanceof protobuf.Enum ? resolved : null;
    const messageType = resolved instanceof protobuf.Type && !field.map ? resolved : null;
    const at: PathStep[] = [...prefix, { field: field.name }];
    out.push({ steps: at, field, enumType, messageType });
    if (messageType && !messageType.fullName.startsWith(".google.")) {
      out.push(...fieldPaths(messageType, field.repeated ? [...at, { index: 0 }] : at, inner));
    }
  }
  return out;
}

/** Value types of every map field reachable from `type` ("string", or a message or enum name). */
export function mapValueTypes(type: protobuf.Type): string[] {
  return fieldPaths(type)
    .filter((p) => p.field.map)
    .map((p) => (p.field as unknown as protobuf.MapField).type);
}

/** A copy of `request` with the value at `steps` replaced by `value`, creating what is missing on the way. */
export function withValueAt(request: object, steps: readonly PathStep[], value: unknown): object {
  const copy = structuredClone(request);
  setValueAt(copy, steps, value);
  return copy;
}

/** Replaces the value at `steps` in `request` itself by `value`, creating what is missing on the way. */
export function setValueAt(request: object, steps: readonly PathStep[], value: unknown): void {
  let at = request as Record<string | number, unknown>;
  for (const [i, step] of steps.entries()) {
    const key = "field" in step ? step.field : step.index;
    if (i === steps.length - 1) {
      at[key] = value;
      break;
    }
    const next = steps[i + 1]!;
    if (at[key] == null || typeof at[key] !== "object") at[key] = "index" in next ? [] : {};
    if ("index" in next && !Array.isArray(at[key])) at[key] = [];
    if ("index" in next && (at[key] as unknown[]).length <= next.index) (at[key] as unknown[])[next.index] = {};
    at = at[key] as Record<string | number, unknown>;
  }
}
