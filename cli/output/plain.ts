// API messages as plain JSON values for `inspect` and `--format`: enums by name, 64-bit numbers
// as numbers, bytes as base64 (as Docker shows a config's Data), defaults left out. Enum fields
// are marked too, so that templates print Docker's word for them (docker-words.ts).
import { swarm } from "../../proto/index.js";
import { markEnumFields } from "./docker-words.js";

/** A generated message class: what `toObject` needs. */
interface MessageType<T> {
  new (...properties: never[]): T;
  toObject(
    message: T,
    options: {
      longs: NumberConstructor;
      enums: StringConstructor | NumberConstructor;
      bytes: StringConstructor;
      defaults?: boolean;
    },
  ): Record<string, unknown>;
  fromObject(value: Record<string, unknown>): T;
}

/** The message as a plain JSON-ready object. */
export function plain<T>(type: MessageType<T>, message: T | Record<string, unknown>): Record<string, unknown> {
  // Responses arrive as instances; fromObject makes any shape (e.g. one built in a test) an instance first.
  const instance = message instanceof type ? message : type.fromObject(message as Record<string, unknown>);
  const named = type.toObject(instance, { longs: Number, enums: String, bytes: String });
  markEnumFields(
    named,
    type.toObject(instance, { longs: Number, enums: String, bytes: String, defaults: true }),
    type.toObject(instance, { longs: Number, enums: Number, bytes: String, defaults: true }),
  );
  return named;
}

/** An enum value's name without its prefix, in Docker's capitalisation: TASK_STATE_RUNNING → "Running". */
export function enumLabel(
  values: Readonly<Record<string, string | number>>,
  value: number | null | undefined,
  prefix: string,
): string {
  const name = Object.keys(values).find((k) => values[k] === Number(value ?? 0)) ?? String(value);
  const word = name.startsWith(prefix) ? name.slice(prefix.length) : name;
  return word
    .toLowerCase()
    .split("_")
    .map((w, i) => (i === 0 ? w.charAt(0).toUpperCase() + w.slice(1) : w))
    .join(" ");
}

/** A task state as Docker prints it ("Running", "Shutdown", "Failed"). */
export function taskStateLabel(state: number | null | undefined): string {
  return enumLabel(swarm.v1.TaskState, state, "TASK_STATE_");
}

/** The first 12 characters of an id, as Docker's tables show them. */
export function shortId(id: string | null | undefined): string {
  return (id ?? "").slice(0, shortIdChars);
}

/** Characters of an id in tables. */
export const shortIdChars = 12;
