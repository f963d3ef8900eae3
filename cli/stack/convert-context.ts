// What the converters share: the merged tree (for line numbers), the directory relative paths
// start from, variable lookup, the warning list, and helpers that turn a bad value into a
// StackFileError naming its file, line and key.
import { asText } from "./as-text.js";
import { readFileSync, statSync } from "node:fs";
import { isAbsolute, join, resolve } from "node:path";
import type { VariableLookup } from "./interpolate.js";
import { posAt } from "./source-map.js";
import { StackFileError, stackWarning, type PathStep, type SourcePos, type StackWarning } from "./stack-file-error.js";
import { UnitProblem } from "./units.js";

/** A mapping of the merged tree. */
export type Dict = Record<string, unknown>;

/** Whether a value is a mapping. */
export function isDict(value: unknown): value is Dict {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Conversion state for one load. */
export class ConvertContext {
  constructor(
    /** The merged, normalised tree. */
    readonly root: Dict,
    /** Directory of the first stack file; relative paths in every file start here, as in Compose. */
    readonly baseDir: string,
    /** Variables: the environment, then the .env file. */
    readonly lookup: VariableLookup,
    /** Collected warnings. */
    readonly warnings: StackWarning[],
  ) {}

  /** Where the value at `path` was written. */
  at(path: readonly PathStep[]): SourcePos | undefined {
    return posAt(this.root, path);
  }

  /** Throws a StackFileError for the value at `path`. */
  fail(path: readonly PathStep[], problem: string, cause?: unknown): never {
    throw new StackFileError(this.at(path), path, problem, cause === undefined ? {} : { cause });
  }

  /** Records a warning about the value at `path`, e.g. "is not supported and is ignored". */
  warn(path: readonly PathStep[], problem: string): void {
    this.warnings.push(stackWarning(this.at(path), path, problem));
  }

  /** Warns about every key of `dict` not in `known` (extension keys "x-*" excepted). */
  warnUnknown(dict: Dict, path: readonly PathStep[], known: ReadonlySet<string>): void {
    for (const key of Object.keys(dict)) {
      if (!known.has(key) && !key.startsWith("x-")) this.warn([...path, key], "is not supported and is ignored");
    }
  }

  /** Converts the value at `path` with `parse`, turning its UnitProblem into a StackFileError. */
  read<T>(value: unknown, path: readonly PathStep[], parse: (value: unknown) => T): T {
    try {
      return parse(value);
    } catch (error) {
      if (error instanceof UnitProblem) this.fail(path, error.message);
      throw error;
    }
  }

  /** A path from the file, resolved against the base directory ("~/" against HOME). */
  resolvePath(file: string): string {
    const home = this.lookup("HOME");
    if (file.startsWith("~/") && home !== undefined) return join(home, file.slice(2));
    return isAbsolute(file) ? file : resolve(this.baseDir, file);
  }

  /** Reads a file the stack names (secret, config, env_file); at most `bytesMax` bytes. */
  readNamedFile(file: string, path: readonly PathStep[], bytesMax: number): Buffer {
    const full = this.resolvePath(file);
    try {
      const size = statSync(full).size;
      if (size > bytesMax) this.fail(path, `${file} is larger than ${bytesMax} bytes`);
      return readFileSync(full);
    } catch (error) {
      if (error instanceof StackFileError) throw error;
      const code = (error as NodeJS.ErrnoException).code;
      return this.fail(
        path,
        code === "ENOENT"
          ? `file ${file} not found (looked at ${full})`
          : `cannot read ${file}: ${(error as Error).message}`,
        error,
      );
    }
  }
}

/** A string-to-string mapping from a normalised list-or-mapping (null values become ""). */
export function stringMap(value: unknown): Record<string, string> {
  if (!isDict(value)) return {};
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, v == null ? "" : asText(v)]));
}

/** A list of strings from a normalised string-or-list. */
export function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : typeof value === "string" ? [value] : [];
}
