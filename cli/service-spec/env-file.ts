// `--env-file`, as Docker reads it: one KEY=VALUE per line, blank lines and lines starting with "#"
// skipped, a KEY alone taking swarmctl's own variable (dropped when unset). Values are taken
// literally: no quotes are removed and nothing is expanded (that is Compose's .env format, not this).
import { readFileSync, statSync } from "node:fs";
import { UsageError } from "../client/usage-error.js";
import { parseEnv } from "./parse-options.js";

/** Largest env file read, in bytes: far above any real one, so a wrong path cannot exhaust memory. */
export const envFileBytesMax = 1024 * 1024;

/** The KEY=VALUE entries of an env file, in order; throws UsageError naming --env-file. */
export function readEnvFile(path: string, env: NodeJS.ProcessEnv = process.env): string[] {
  let text: string;
  try {
    const size = statSync(path).size;
    if (size > envFileBytesMax)
      throw new UsageError("--env-file", `${path} has ${size} bytes, more than ${envFileBytesMax}`);
    text = readFileSync(path, "utf8");
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError("--env-file", `cannot read ${path}: ${(error as Error).message}`);
  }
  const out: string[] = [];
  for (const [i, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.trimStart();
    if (line === "" || line.startsWith("#")) continue;
    if (/\s/.test(line.split("=")[0]!))
      throw new UsageError(
        "--env-file",
        `${path}:${i + 1}: variable name ${JSON.stringify(line.split("=")[0])} has spaces`,
      );
    const entry = parseEnv(line, env);
    if (entry !== null) out.push(entry);
  }
  return out;
}
