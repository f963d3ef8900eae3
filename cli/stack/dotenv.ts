// The `.env` and `env_file` format as Compose reads it: KEY=VALUE lines, `export` prefixes, `#`
// comments, single quotes taken literally, double quotes with escapes, and substitution of
// variables in unquoted and double-quoted values (from the environment, then earlier lines).
import { interpolateString, InterpolationProblem, type VariableLookup } from "./interpolate.js";
import { StackFileError } from "./stack-file-error.js";

/** Largest .env or env_file accepted, in bytes. */
export const envFileBytesMax = 1024 * 1024;

const linePattern = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*(?:=\s*([\s\S]*))?$/;

/**
 * Parses an env file. A line with a key but no "=" takes the variable from `lookup` and is left
 * out when it is not set there. `file` names the file in errors.
 */
export function parseEnvFile(file: string, text: string, lookup: VariableLookup): Map<string, string> {
  if (text.length > envFileBytesMax)
    throw new StackFileError({ file, line: 0 }, [], `larger than ${envFileBytesMax} bytes`);
  const values = new Map<string, string>();
  const chained: VariableLookup = (name) => lookup(name) ?? values.get(name);
  const lines = text.split(/\r?\n/);
  for (let n = 0; n < lines.length; n += 1) {
    const raw = lines[n]!;
    if (raw.trim() === "" || raw.trimStart().startsWith("#")) continue;
    const match = linePattern.exec(raw);
    if (!match)
      throw new StackFileError({ file, line: n + 1 }, [], `expected KEY=VALUE, got ${JSON.stringify(raw.trim())}`);
    const [, key = "", rest] = match;
    if (rest === undefined) {
      const value = lookup(key);
      if (value !== undefined) values.set(key, value);
      continue;
    }
    try {
      values.set(key, parseValue(rest, chained));
    } catch (error) {
      if (error instanceof InterpolationProblem) throw new StackFileError({ file, line: n + 1 }, [key], error.message);
      throw error;
    }
  }
  return values;
}

function parseValue(rest: string, lookup: VariableLookup): string {
  const text = rest.trim();
  if (text.startsWith("'")) {
    const end = text.indexOf("'", 1);
    return end < 0 ? text.slice(1) : text.slice(1, end);
  }
  if (text.startsWith('"')) {
    let out = "";
    for (let i = 1; i < text.length; i += 1) {
      const c = text[i]!;
      if (c === '"') break;
      if (c === "\\" && i + 1 < text.length) {
        i += 1;
        const e = text[i]!;
        out += e === "n" ? "\n" : e === "t" ? "\t" : e === "r" ? "\r" : e;
      } else out += c;
    }
    return interpolateString(out, lookup);
  }
  // An unquoted value ends at a " #" comment.
  const comment = text.search(/\s#/);
  return interpolateString((comment < 0 ? text : text.slice(0, comment)).trim(), lookup);
}
