// Values an override file marked with a Compose merge tag.

/** Marks a value written with `!reset`: the merge removes the key. */
export const resetTag = "!reset";
/** Marks a value written with `!override`: the merge replaces instead of merging. */
export const overrideTag = "!override";

/** A value an override file tagged; the merge reads the tag and unwraps the value. */
export class TaggedValue {
  constructor(
    /** `!reset` or `!override`. */
    readonly tag: typeof resetTag | typeof overrideTag,
    /** The value written after the tag. */
    readonly value: unknown,
  ) {}
}

/** A plain copy of `value` with every tag unwrapped (`!reset` values kept), e.g. for schema checks. */
export function untagValue(value: unknown): unknown {
  if (value instanceof TaggedValue) return untagValue(value.value);
  if (Array.isArray(value)) return value.map(untagValue);
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, untagValue(v)]));
  }
  return value;
}
