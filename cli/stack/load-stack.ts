// loadStack: read, interpolate, validate and normalise each file, merge them, and convert.
import { readFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { validateComposeFile } from "./compose-schema.js";
import { ConvertContext } from "./convert-context.js";
import { convertStack } from "./convert-stack.js";
import { envFileBytesMax, parseEnvFile } from "./dotenv.js";
import { interpolateTree, type VariableLookup } from "./interpolate.js";
import { mergeFiles } from "./merge.js";
import type { LoadedStack } from "./model.js";
import { normalizeFile } from "./normalize.js";
import { StackFileError, type StackWarning } from "./stack-file-error.js";
import { applyProfiles } from "./profiles.js";
import { parseYamlFile } from "./yaml-file.js";

/** Largest stack file accepted, in bytes. */
export const stackFileBytesMax = 4 * 1024 * 1024;
/** Most stack files merged in one load. */
export const stackFilesMax = 16;

/** Where variables and relative paths come from. */
export interface LoadStackOptions {
  /** The environment (default: process.env); it wins over the `.env` file. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Directory relative file names start from (default: process.cwd()). */
  readonly cwd?: string;
  /**
   * Active Compose profiles (`--profile`); absent, COMPOSE_PROFILES (from the environment or the
   * `.env` file, comma-separated). A service that names profiles is deployed only when one of
   * them is active ("*" activates all), as Compose does; a service naming none always is.
   */
  readonly profiles?: readonly string[];
}

/** The merged, interpolated and normalised Compose tree, before conversion (`stack config` prints it). */
export interface LoadedTree {
  /** The merged tree, services outside the active profiles left out. */
  readonly tree: Record<string, unknown>;
  /** Where variables come from, for the conversion. */
  readonly lookup: VariableLookup;
  /** Directory relative paths start from. */
  readonly baseDir: string;
  /** Warnings so far (unset variables). */
  readonly warnings: StackWarning[];
}

async function readText(file: string, full: string): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(full);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new StackFileError(
      { file, line: 0 },
      [],
      code === "ENOENT" ? "no such file" : `cannot read: ${(error as Error).message}`,
      { cause: error },
    );
  }
  if (bytes.length > stackFileBytesMax)
    throw new StackFileError({ file, line: 0 }, [], `larger than ${stackFileBytesMax} bytes`);
  return bytes.toString("utf8");
}

/**
 * Loads one or more Compose files (`-c a.yml -c b.yml`), later files overriding earlier ones.
 * Variables come from `options.env`, then from a `.env` file beside the first file; relative paths
 * in every file start from the first file's directory. Throws StackFileError naming the file, line
 * and key of the first problem.
 */
export async function loadStack(files: readonly string[], options: LoadStackOptions = {}): Promise<LoadedStack> {
  const { tree, baseDir, lookup, warnings } = await loadStackTree(files, options);
  return convertStack(new ConvertContext(tree, baseDir, lookup, warnings));
}

/** Loads, interpolates, validates, normalises and merges the files, as loadStack does before converting. */
export async function loadStackTree(files: readonly string[], options: LoadStackOptions = {}): Promise<LoadedTree> {
  if (files.length === 0) throw new StackFileError(undefined, [], "no stack file given");
  if (files.length > stackFilesMax)
    throw new StackFileError(undefined, [], `at most ${stackFilesMax} stack files can be merged`);
  const cwd = options.cwd ?? process.cwd();
  const env = options.env ?? process.env;
  const baseDir = dirname(resolve(cwd, files[0]!));
  const dotEnv = await loadDotEnv(join(baseDir, ".env"), files[0]!, env);
  const lookup: VariableLookup = (name) => env[name] ?? dotEnv.get(name);
  const warnings: StackWarning[] = [];
  const trees: unknown[] = [];
  for (const file of files) {
    const tree = parseYamlFile(file, await readText(file, resolve(cwd, file)));
    interpolateTree(tree, lookup, warnings);
    validateComposeFile(file, tree);
    normalizeFile(tree);
    trees.push(tree);
  }
  const merged = mergeFiles(trees);
  const active = options.profiles ?? (lookup("COMPOSE_PROFILES") ?? "").split(",");
  applyProfiles(merged, active);
  return { tree: merged, baseDir, lookup, warnings };
}

async function loadDotEnv(
  full: string,
  firstFile: string,
  env: Readonly<Record<string, string | undefined>>,
): Promise<Map<string, string>> {
  let text: string;
  try {
    text = await readFile(full, "utf8");
  } catch {
    return new Map();
  }
  if (text.length > envFileBytesMax)
    throw new StackFileError({ file: ".env", line: 0 }, [], `larger than ${envFileBytesMax} bytes`);
  return parseEnvFile(join(dirname(firstFile), ".env"), text, (name) => env[name]);
}
