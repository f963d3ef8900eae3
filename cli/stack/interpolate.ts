// Variable substitution as Compose does it, before validation: `$VAR`, `${VAR}`, `${VAR:-default}`
// (unset or empty), `${VAR-default}` (unset), `${VAR:?error}`, `${VAR?error}`, `${VAR:+alt}`,
// `${VAR+alt}`, and `$$` for a literal dollar. Defaults and messages may themselves contain
// substitutions. Keys are never substituted, only string values.
import { recordKeyPos, keyPos, containerPos } from "./source-map.js";
import { StackFileError, stackWarning, type PathStep, type SourcePos, type StackWarning } from "./stack-file-error.js";
import { TaggedValue } from "./tagged-value.js";

/** Looks a variable up; undefined when it is not set. */
export type VariableLookup = (name: string) => string | undefined;

const namePattern = /^[_a-zA-Z][_a-zA-Z0-9]*/;
const bracedPattern = /^([_a-zA-Z][_a-zA-Z0-9]*)(?:(:?[-?+])([\s\S]*))?$/;

/**
 * Deepest nesting of substitutions in defaults and messages (`${A:-${B:-x}}` is two). Each level
 * is a recursive call, and Compose files need two or three.
 */
export const interpolationDepthMax = 16;

/** Why a substitution failed; the caller adds the file, line and key. */
export class InterpolationProblem extends Error {}

/**
 * Substitutes the variables of one string. `onUnset` hears of each variable used without a value
 * and without a default (Compose substitutes an empty string and warns).
 */
export function interpolateString(
  text: string,
  lookup: VariableLookup,
  onUnset: (name: string) => void = () => {},
): string {
  return interpolateAt(text, lookup, onUnset, 0);
}

function interpolateAt(text: string, lookup: VariableLookup, onUnset: (name: string) => void, depth: number): string {
  let out = "";
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c !== "$") {
      out += c;
      i += 1;
      continue;
    }
    const next = text[i + 1];
    if (next === "$") {
      out += "$";
      i += 2;
    } else if (next === "{") {
      const end = closingBrace(text, i + 1);
      if (end < 0)
        throw new InterpolationProblem(`invalid interpolation format in ${JSON.stringify(text)}: missing "}"`);
      if (depth >= interpolationDepthMax)
        throw new InterpolationProblem(`substitutions nested deeper than ${interpolationDepthMax} levels`);
      out += expandBraced(text.slice(i + 2, end), lookup, onUnset, depth + 1);
      i = end + 1;
    } else {
      const name = namePattern.exec(text.slice(i + 1))?.[0];
      if (name === undefined) {
        out += "$";
        i += 1;
      } else {
        const value = lookup(name);
        if (value === undefined) onUnset(name);
        out += value ?? "";
        i += 1 + name.length;
      }
    }
  }
  return out;
}

function closingBrace(text: string, open: number): number {
  let depth = 0;
  for (let j = open; j < text.length; j += 1) {
    if (text[j] === "{" && text[j - 1] === "$") depth += 1;
    else if (text[j] === "}") {
      depth -= 1;
      if (depth === 0) return j;
    }
  }
  return -1;
}

function expandBraced(inner: string, lookup: VariableLookup, onUnset: (name: string) => void, depth: number): string {
  const match = bracedPattern.exec(inner);
  if (!match) throw new InterpolationProblem(`invalid interpolation format for \${${inner}}`);
  const [, name = "", operator, rest = ""] = match;
  const value = lookup(name);
  const empty = value === undefined || (operator?.startsWith(":") === true && value === "");
  const nested = (): string => interpolateAt(rest, lookup, onUnset, depth);
  switch (operator) {
    case undefined:
      if (value === undefined) onUnset(name);
      return value ?? "";
    case ":-":
    case "-":
      return empty ? nested() : (value ?? "");
    case ":?":
    case "?": {
      if (!empty) return value ?? "";
      const message = nested();
      throw new InterpolationProblem(
        `required variable ${name} is missing a value${message === "" ? "" : `: ${message}`}`,
      );
    }
    case ":+":
    case "+":
      return empty ? "" : nested();
    default:
      throw new InterpolationProblem(`invalid interpolation format for \${${inner}}`);
  }
}

/**
 * Substitutes variables in every string value of a parsed file, in place, so the source map
 * keeps pointing at the same containers. Errors name the file, line and key; warnings are pushed.
 */
export function interpolateTree(root: unknown, lookup: VariableLookup, warnings: StackWarning[]): void {
  const visit = (container: Record<PathStep, unknown> | unknown[], path: PathStep[]): void => {
    const entries: [PathStep, unknown][] = Array.isArray(container)
      ? container.map((v, i) => [i, v])
      : Object.entries(container);
    for (const [key, value] of entries) {
      const at = (): SourcePos | undefined => keyPos(container, key) ?? containerPos(container);
      const here = [...path, key];
      const inner = value instanceof TaggedValue ? value.value : value;
      if (typeof inner === "string") {
        let replaced: string;
        try {
          replaced = interpolateString(inner, lookup, (name) =>
            warnings.push(stackWarning(at(), here, `uses ${name}, which is not set: substituting an empty string`)),
          );
        } catch (error) {
          if (error instanceof InterpolationProblem) throw new StackFileError(at(), here, error.message);
          throw error;
        }
        const next = value instanceof TaggedValue ? new TaggedValue(value.tag, replaced) : replaced;
        (container as Record<PathStep, unknown>)[key] = next;
        const pos = at();
        if (pos) recordKeyPos(container, key, pos);
      } else if (typeof inner === "object" && inner !== null) {
        visit(inner as Record<PathStep, unknown>, here);
      }
    }
  };
  if (typeof root === "object" && root !== null) visit(root as Record<PathStep, unknown>, []);
}
