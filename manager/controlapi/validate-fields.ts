// The checks every spec validator is made of: strings, lists and maps within their bounds, enum
// values the proto defines, integers within a range, durations a timer can hold. Each throws
// InvalidArgumentError naming the field by its path in the request, so one readable line tells the
// operator what to fix. Values arrive decoded from protobuf, so their types are right; what can be
// wrong is their size, their range, or (for enums and 64-bit integers) a number the proto never
// defined or cannot represent exactly.
import { InvalidArgumentError, isProcessImage, programOfProcessImage } from "../../common/index.js";
import {
  imageBytesMax,
  labelKeyBytesMax,
  labelsBytesMax,
  labelsMax,
  labelValueBytesMax,
  nameLengthMax,
  specDurationNsMax,
} from "./limits.js";

/** UTF-8 size of a string. */
export function byteLength(text: string): number {
  return Buffer.byteLength(text, "utf8");
}

/** Most characters of a value shown in an error message or a field path. */
const shownCharsMax = 64;

/**
 * A short rendering of a value for error messages and field paths: quoted, cut after 64
 * characters, and printable ASCII only (everything else escaped), since the field path travels in
 * a gRPC trailer, which admits nothing else.
 */
export function quoted(text: string): string {
  const shown = text.length > shownCharsMax ? `${text.slice(0, shownCharsMax)}...` : text;
  return JSON.stringify(shown).replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** Options of {@link checkString}. */
export interface StringRules {
  /** Refuse an empty (or absent) string. */
  readonly required?: boolean;
  /** The text must match (checked after the size). */
  readonly pattern?: RegExp;
  /** What the pattern means, for the error message. */
  readonly patternHint?: string;
}

/**
 * Checks a string: its size, no NUL byte (every string of a spec ends up in a path, an argv, a
 * header or a name, where NUL cuts it short), and optionally presence and a pattern. Returns the
 * string ("" when absent).
 */
export function checkString(
  field: string,
  value: string | null | undefined,
  bytesMax: number,
  rules: StringRules = {},
): string {
  if (value != null && typeof value !== "string") throw new InvalidArgumentError(field, "must be a string");
  const text = value ?? "";
  if (text === "") {
    if (rules.required) throw new InvalidArgumentError(field, "is required");
    return text;
  }
  const bytes = byteLength(text);
  if (bytes > bytesMax) throw new InvalidArgumentError(field, `must be at most ${bytesMax} bytes, got ${bytes}`);
  if (text.includes("\0")) throw new InvalidArgumentError(field, "must not contain a NUL character");
  if (rules.pattern && !rules.pattern.test(text))
    throw new InvalidArgumentError(field, `${quoted(text)} ${rules.patternHint ?? "is malformed"}`);
  return text;
}

/** Checks that a list has at most `itemsMax` items; returns it ([] when absent). */
export function checkList<T>(field: string, list: readonly T[] | null | undefined, itemsMax: number): readonly T[] {
  if (list != null && !Array.isArray(list)) throw new InvalidArgumentError(field, "must be a list");
  const items: readonly T[] = list ?? [];
  if (items.length > itemsMax)
    throw new InvalidArgumentError(field, `must have at most ${itemsMax} entries, got ${items.length}`);
  return items;
}

/** Checks a list of strings: its length, and each item as {@link checkString} with the rules. */
export function checkStringList(
  field: string,
  list: readonly string[] | null | undefined,
  itemsMax: number,
  itemBytesMax: number,
  rules: StringRules = {},
): readonly string[] {
  const items = checkList(field, list, itemsMax);
  for (const [i, item] of items.entries()) checkString(`${field}[${i}]`, item, itemBytesMax, rules);
  return items;
}

/** Bounds of a string map, labels by default. */
export interface StringMapBounds {
  /** Most entries. */
  readonly entriesMax?: number;
  /** Longest key. */
  readonly keyBytesMax?: number;
  /** Longest value. */
  readonly valueBytesMax?: number;
  /** Most bytes of keys and values together. */
  readonly bytesMax?: number;
}

/** Checks a string map (labels, options, sysctls): entries, key and value sizes, total size; keys not empty. */
export function checkStringMap(
  field: string,
  map: Readonly<Record<string, string>> | null | undefined,
  bounds: StringMapBounds = {},
): void {
  if (map != null && (typeof map !== "object" || Array.isArray(map)))
    throw new InvalidArgumentError(field, "must be a map of strings");
  const entriesMax = bounds.entriesMax ?? labelsMax;
  const keyBytesMax = bounds.keyBytesMax ?? labelKeyBytesMax;
  const valueBytesMax = bounds.valueBytesMax ?? labelValueBytesMax;
  const bytesMax = bounds.bytesMax ?? labelsBytesMax;
  const entries = Object.entries(map ?? {});
  if (entries.length > entriesMax)
    throw new InvalidArgumentError(field, `must have at most ${entriesMax} entries, got ${entries.length}`);
  let total = 0;
  for (const [key, value] of entries) {
    if (key === "") throw new InvalidArgumentError(field, "a key must not be empty");
    // A bad key cannot name the entry usefully: the map is named, and the key quoted in the message.
    const keyBytes = byteLength(key);
    if (keyBytes > keyBytesMax)
      throw new InvalidArgumentError(field, `key ${quoted(key)} must be at most ${keyBytesMax} bytes, got ${keyBytes}`);
    if (key.includes("\0"))
      throw new InvalidArgumentError(field, `key ${quoted(key)} must not contain a NUL character`);
    // The entry's path is built only for a refusal: validation runs on every write, most maps pass.
    const at = (): string => `${field}[${quoted(key)}]`;
    if (typeof value !== "string") throw new InvalidArgumentError(at(), "must be a string");
    const valueBytes = byteLength(value);
    if (valueBytes > valueBytesMax)
      throw new InvalidArgumentError(at(), `the value must be at most ${valueBytesMax} bytes, got ${valueBytes}`);
    total += keyBytes + valueBytes;
  }
  if (total > bytesMax)
    throw new InvalidArgumentError(field, `keys and values must add up to at most ${bytesMax} bytes, got ${total}`);
}

/**
 * Checks an enum field: absent or one of the numbers the proto defines. Protobuf decoding keeps an
 * unknown number as it is, so without this check a value no component understands would be stored.
 */
export function checkEnum<E extends number>(
  field: string,
  values: Readonly<Record<string, E | string>>,
  value: number | null | undefined,
): E {
  if (value == null) return 0 as E;
  let known = enumNumbers.get(values);
  if (!known) enumNumbers.set(values, (known = new Set(Object.values(values).filter((n) => typeof n === "number"))));
  if (!known.has(value)) {
    const names = Object.entries(values)
      .filter((e) => typeof e[1] === "number")
      .map(([name, n]) => `${name} (${n})`)
      .join(", ");
    throw new InvalidArgumentError(field, `unknown value ${String(value)}; expected one of ${names}`);
  }
  return value as E;
}

/** The numbers of each enum, collected once (validation runs on every write). */
const enumNumbers = new WeakMap<object, ReadonlySet<number>>();

/**
 * Checks an integer field within [min, max]; absent counts as 0. 64-bit fields arrive as numbers
 * (proto/protobuf-longs.ts), so a value beyond 2^53 is refused rather than silently rounded.
 */
export function checkInteger(field: string, value: number | null | undefined, max: number, min = 0): number {
  const n = Number(value ?? 0);
  if (!Number.isSafeInteger(n) || n < min || n > max)
    throw new InvalidArgumentError(field, `must be an integer from ${min} to ${max}, got ${String(value)}`);
  return n;
}

/** Checks a duration in nanoseconds: 0 to {@link specDurationNsMax} (what a timer can wait). */
export function checkDurationNs(field: string, value: number | null | undefined): number {
  return checkInteger(field, value, specDurationNsMax);
}

/** Checks a ratio: a finite number from 0 to 1 (NaN is refused). */
export function checkRatio(field: string, value: number | null | undefined): number {
  const n = Number(value ?? 0);
  if (!Number.isFinite(n) || n < 0 || n > 1)
    throw new InvalidArgumentError(field, `must be a number from 0 to 1, got ${String(value)}`);
  return n;
}

const namePattern = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;
// name[:tag][@digest], with an optional registry host[:port]/ prefix and path components.
const imagePattern =
  /^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*(?::[0-9]+)?\/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?::[\w][\w.-]{0,127})?(?:@[a-z0-9]+:[a-f0-9]{32,})?$/;

/** Checks an object name (service, secret, config, network): required, a DNS label's length, Docker's characters. */
export function validateName(field: string, name: string | null | undefined): void {
  if (!name) throw new InvalidArgumentError(field, "is required");
  if (name.length > nameLengthMax) throw new InvalidArgumentError(field, `must be at most ${nameLengthMax} characters`);
  if (!namePattern.test(name))
    throw new InvalidArgumentError(
      field,
      `${quoted(name)} must start with a letter or digit and contain only letters, digits, "_", "." and "-"`,
    );
}

/** Checks labels: entries, key and value sizes, total size. */
export function validateLabels(field: string, labels: Record<string, string> | null | undefined): void {
  checkStringMap(field, labels);
}

/** Checks an image reference such as "redis:7", "registry:5000/team/app@sha256:…", or a process image. */
export function validateImage(field: string, image: string | null | undefined): void {
  checkString(field, image, imageBytesMax, { required: true });
  const text = image ?? "";
  if (isProcessImage(text)) {
    if (programOfProcessImage(text) === undefined) {
      throw new InvalidArgumentError(
        field,
        `${quoted(text)} must name a program: process://NAME or process:///ABSOLUTE/PATH`,
      );
    }
    return;
  }
  if (!imagePattern.test(text)) throw new InvalidArgumentError(field, `${quoted(text)} is not a valid image reference`);
}
