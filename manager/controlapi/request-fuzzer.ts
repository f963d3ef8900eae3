// For tests: malformed Control requests, generated from a seed. A case starts from a complete valid
// request (control-harness.ts) and replaces one to four of its fields, chosen among every field
// path of the request type (proto-walk.ts), by a value of the field's wire type picked to hurt:
// empty, huge, negative, beyond 2^53, NaN, NUL bytes and non-ASCII text, unknown enum numbers,
// lists and maps far over their bounds. The values always encode (the wire can carry nothing else),
// so every case reaches the server as a real client could send it.
import type protobuf from "protobufjs";
import { fieldPaths, type FieldPath, setValueAt } from "./proto-walk.js";

/** A seeded source of numbers in [0, 1) (mulberry32). */
export type Random = () => number;

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

/** Strings that break naive checks: empty, long, NUL, non-ASCII, path tricks, numbers as text. */
function nastyString(random: Random): string {
  const r = random();
  if (r < 0.02) return "x".repeat(pick(random, [70_000, 300_000]));
  if (r < 0.15) return pick(random, ["y", "é"]).repeat(pick(random, [64, 254, 1025, 4097, 65_537]));
  return pick(random, [
    "",
    " ",
    "a",
    "\u0000",
    "a\u0000b",
    "é",
    "…",
    "🐳",
    "../../etc/x",
    "/",
    "..",
    "root",
    "-1",
    "0",
    "4294967295",
    "SIGFOO",
    "SIGKILL",
    "node.role==",
    "node.labels.zone",
    "==",
    "redis:7",
    "process://sh",
    "process://",
    "UPPER:Case",
    "a=b",
    "=b",
    "{{.Task.Bogus}}",
    "10.0.0.0/33",
    "::1",
    "overlay",
    "host",
    "none",
    "net1",
    "CMD",
    "NONE",
    "\n\r\t",
    "%s%n",
    "'; DROP TABLE",
  ]);
}

/** Integers around every boundary a field could have. */
function nastyInteger(random: Random, type: string): number {
  const wide = ["int64", "uint64", "sint64", "fixed64", "sfixed64"].includes(type);
  const values = [
    0,
    1,
    -1,
    2,
    63,
    64,
    65535,
    65536,
    70000,
    0o777,
    0o7777,
    0o177777,
    1e6,
    1e6 + 1,
    2 ** 31 - 1,
    -(2 ** 31),
  ];
  const wideValues = [2 ** 32, 2 ** 53, 2 ** 53 + 2, 2 ** 60, -(2 ** 63), 1e15, 3e15, 9e18];
  if (random() < 0.1) return Math.floor(random() * 2 ** 31) * (random() < 0.5 ? -1 : 1);
  return pick(random, wide ? [...values, ...wideValues] : values);
}

/** A value of the field's scalar type (or null for a message, or a known or unknown enum number). */
function nastyScalar(random: Random, path: FieldPath): unknown {
  const field = path.field;
  if (path.enumType) {
    const known = Object.values(path.enumType.values);
    return pick(random, [...known, Math.max(...known) + 1, -1, 99, 2 ** 31 - 1]);
  }
  // A list cannot carry null (the encoder refuses it), only an empty message.
  if (path.messageType) return random() < 0.5 && !field.repeated ? null : {};
  switch (field.type) {
    case "string":
      return nastyString(random);
    case "bool":
      return random() < 0.5;
    case "bytes": {
      const r = random();
      const size = r < 0.02 ? pick(random, [512_001, 1_024_001]) : pick(random, [0, 1, 16, 4096]);
      return Buffer.alloc(size, 0x41);
    }
    case "double":
    case "float":
      return pick(random, [Number.NaN, Infinity, -Infinity, -0, -1, 0.5, 1, 1.0000001, 1e308]);
    default:
      return nastyInteger(random, field.type);
  }
}

/** A value for the field: its scalar, a list of them (sometimes far too long), or a map. */
function nastyValue(random: Random, path: FieldPath): unknown {
  const field = path.field;
  if (field.map) {
    const entries = random() < 0.05 ? 300 : Math.floor(random() * 4);
    return Object.fromEntries(
      Array.from({ length: entries }, (_, i) => [random() < 0.5 ? nastyString(random) : `k${i}`, nastyString(random)]),
    );
  }
  if (field.repeated) {
    if (random() < 0.05) {
      // Long lists of small items: a long list of huge items only measures the encoder (the
      // transport refuses a request that large before the API sees it).
      let one = nastyScalar(random, path);
      while ((typeof one === "string" || one instanceof Uint8Array) && one.length > 1024)
        one = nastyScalar(random, path);
      return Array.from({ length: pick(random, [257, 1025, 4097]) }, () => one);
    }
    return Array.from({ length: Math.floor(random() * 3) }, () => nastyScalar(random, path));
  }
  return nastyScalar(random, path);
}

/** Field paths of each request type, computed once. */
const pathsByType = new Map<protobuf.Type, FieldPath[]>();

/** Makes `request` (a valid request of `type`, changed in place) malformed: one to four fields replaced by nasty values. */
export function mutateRequest(random: Random, type: protobuf.Type, request: object): object {
  let paths = pathsByType.get(type);
  if (!paths) pathsByType.set(type, (paths = fieldPaths(type)));
  if (paths.length === 0) return request;
  const mutations = 1 + Math.floor(random() * 4);
  for (let i = 0; i < mutations; i++) {
    const path = pick(random, paths);
    setValueAt(request, path.steps, nastyValue(random, path));
  }
  return request;
}
