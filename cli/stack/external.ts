// Compose's `external` key, shared by secrets, configs, volumes and networks.
import { asText } from "./as-text.js";
import { isDict, type ConvertContext } from "./convert-context.js";
import type { PathStep } from "./stack-file-error.js";
import { parseBoolean } from "./units.js";

/** Compose's `external`: true, "true", or (deprecated) {name}. */
export function external(
  ctx: ConvertContext,
  value: unknown,
  path: readonly PathStep[],
): { external: boolean; name?: string } {
  if (value === undefined) return { external: false };
  if (isDict(value)) return { external: true, ...(value.name !== undefined ? { name: asText(value.name) } : {}) };
  return { external: ctx.read(value, path, parseBoolean) };
}
