// A strict reader of the JSON bodies clients send. Docker's daemon (Go) ignores fields it does not
// know; swarm-ts must not: a field it cannot store would vanish on the next read-modify-write and
// the client would never learn. So every object is read through a JsonObject that records which
// keys the converter consumed, and `finish()` refuses any other key that carries a value, naming
// it with its full path. Empty values (null, "", 0, false, [], {} and objects of such) are what
// clients send for "unset" and are accepted everywhere. Keys match case-insensitively, as Go's
// encoding/json matches them.
import { InvalidFieldError, UnsupportedFieldError } from "../http-error.js";

/** Whether a JSON value means "unset": null, "", 0, false, an empty array, or an object of such values. */
export function isEmptyJson(value: unknown): boolean {
  if (value === null || value === undefined || value === "" || value === 0 || value === false) return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === "object") return Object.values(value as Record<string, unknown>).every(isEmptyJson);
  return false;
}

/** Largest integer a client may send (larger ones lose precision in JSON parsers). */
const integerMax = Number.MAX_SAFE_INTEGER;

/** One JSON object of a request body, read key by key. */
export class JsonObject {
  private readonly used = new Set<string>();
  private readonly lowerKeys = new Map<string, string>();

  private constructor(
    /** Path of this object in the body, "" for the root. */
    readonly path: string,
    private readonly value: Readonly<Record<string, unknown>>,
  ) {
    for (const key of Object.keys(value))
      if (!this.lowerKeys.has(key.toLowerCase())) this.lowerKeys.set(key.toLowerCase(), key);
  }

  /** The object at `path`, or null when the value is null or absent; 400 when it is not an object. */
  static of(path: string, value: unknown): JsonObject | null {
    if (value === null || value === undefined) return null;
    if (typeof value !== "object" || Array.isArray(value))
      throw new InvalidFieldError(path || "body", "must be an object");
    return new JsonObject(path, value as Record<string, unknown>);
  }

  /** Like {@link JsonObject.of}, but an absent object reads as an empty one. */
  static orEmpty(path: string, value: unknown): JsonObject {
    return JsonObject.of(path, value) ?? new JsonObject(path, {});
  }

  /** The dotted path of a key of this object. */
  field(name: string): string {
    return this.path ? `${this.path}.${name}` : name;
  }

  /** The raw value of a key (exact, else case-insensitive), marking it consumed. */
  raw(name: string): unknown {
    const key = name in this.value ? name : this.lowerKeys.get(name.toLowerCase());
    if (key === undefined) return undefined;
    this.used.add(key);
    return this.value[key];
  }

  /** Whether a key carries a non-empty value (does not consume it). */
  has(name: string): boolean {
    const key = name in this.value ? name : this.lowerKeys.get(name.toLowerCase());
    return key !== undefined && !isEmptyJson(this.value[key]);
  }

  /** A string ("" when absent or null). */
  string(name: string): string {
    const value = this.raw(name);
    if (value === null || value === undefined) return "";
    if (typeof value !== "string") throw new InvalidFieldError(this.field(name), "must be a string");
    return value;
  }

  /** A boolean (false when absent or null). */
  bool(name: string): boolean {
    return this.boolOrNull(name) ?? false;
  }

  /** A boolean, or null when absent or null. */
  boolOrNull(name: string): boolean | null {
    const value = this.raw(name);
    if (value === null || value === undefined) return null;
    if (typeof value !== "boolean") throw new InvalidFieldError(this.field(name), "must be true or false");
    return value;
  }

  /** An integer within [min, max] (0 when absent or null). */
  int(name: string, bounds: { min?: number; max?: number } = {}): number {
    return this.intOrNull(name, bounds) ?? 0;
  }

  /** An integer within [min, max], or null when absent or null. */
  intOrNull(name: string, bounds: { min?: number; max?: number } = {}): number | null {
    const value = this.raw(name);
    if (value === null || value === undefined) return null;
    const min = bounds.min ?? -integerMax;
    const max = bounds.max ?? integerMax;
    if (typeof value !== "number" || !Number.isInteger(value))
      throw new InvalidFieldError(this.field(name), "must be an integer");
    if (value < min || value > max) throw new InvalidFieldError(this.field(name), `must be between ${min} and ${max}`);
    return value;
  }

  /** A number (0 when absent or null). */
  number(name: string): number {
    const value = this.raw(name);
    if (value === null || value === undefined) return 0;
    if (typeof value !== "number" || !Number.isFinite(value))
      throw new InvalidFieldError(this.field(name), "must be a number");
    return value;
  }

  /** An array of strings ([] when absent or null). */
  strings(name: string): string[] {
    const value = this.raw(name);
    if (value === null || value === undefined) return [];
    if (!Array.isArray(value) || value.some((v) => typeof v !== "string"))
      throw new InvalidFieldError(this.field(name), "must be an array of strings");
    return value as string[];
  }

  /** An object of strings ({} when absent or null). */
  stringMap(name: string): Record<string, string> {
    const value = this.raw(name);
    if (value === null || value === undefined) return {};
    if (typeof value !== "object" || Array.isArray(value))
      throw new InvalidFieldError(this.field(name), "must be an object of strings");
    const result: Record<string, string> = {};
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
      if (typeof v !== "string") throw new InvalidFieldError(`${this.field(name)}.${key}`, "must be a string");
      result[key] = v;
    }
    return result;
  }

  /** A nested object, or null when absent or null. */
  object(name: string): JsonObject | null {
    return JsonObject.of(this.field(name), this.raw(name));
  }

  /** An array of objects ([] when absent or null); elements are named `Name[i]`. */
  objects(name: string): JsonObject[] {
    const value = this.raw(name);
    if (value === null || value === undefined) return [];
    if (!Array.isArray(value)) throw new InvalidFieldError(this.field(name), "must be an array");
    return value.map((item, i) => {
      const element = JsonObject.of(`${this.field(name)}[${i}]`, item);
      if (!element) throw new InvalidFieldError(`${this.field(name)}[${i}]`, "must be an object");
      return element;
    });
  }

  /** Bytes sent as base64, as Go encodes []byte (empty when absent or null). */
  bytes(name: string): Uint8Array {
    const text = this.string(name);
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0)
      throw new InvalidFieldError(this.field(name), "must be base64");
    return new Uint8Array(Buffer.from(text, "base64"));
  }

  /** Refuses a key swarm-ts cannot represent unless its value is empty. */
  refuse(name: string, detail = ""): void {
    if (!isEmptyJson(this.raw(name))) throw new UnsupportedFieldError(this.field(name), detail);
  }

  /** Refuses every key that was not consumed and carries a value. Call once all keys are read. */
  finish(): void {
    for (const [key, value] of Object.entries(this.value)) {
      if (!this.used.has(key) && !isEmptyJson(value)) throw new UnsupportedFieldError(this.field(key));
    }
  }
}
