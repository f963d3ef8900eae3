// Where `swarmd join` takes its join token from. A token on the command line stays readable by every
// local user in /proc/<pid>/cmdline for the daemon's whole life, so swarmd also takes it from a file
// (`--token-file`, which only its owner should read), from the environment (`SWARM_JOIN_TOKEN`,
// readable in /proc/<pid>/environ by the same user only) or from standard input (`--token -`), and
// warns when it is given on the command line anyway.
import { readFile, stat } from "node:fs/promises";
import type { Readable } from "node:stream";
import { InvalidArgumentError } from "../../common/index.js";

/** Environment variable holding the join token. */
export const joinTokenEnv = "SWARM_JOIN_TOKEN";

/** Longest token file or standard-input text read (a token is about 90 characters). */
export const joinTokenBytesMax = 4096;

/** Where the join token comes from. */
export type JoinTokenSource =
  | { readonly kind: "argv"; readonly token: string }
  | { readonly kind: "file"; readonly path: string }
  | { readonly kind: "env"; readonly token: string }
  | { readonly kind: "stdin" };

/**
 * Picks the token's source from `--token`, `--token-file` and the environment variable: a flag wins
 * over the environment, and both flags at once are refused.
 */
export function joinTokenSourceOf(given: {
  token: string | undefined;
  tokenFile: string | undefined;
  env: string | undefined;
}): JoinTokenSource {
  if (given.token !== undefined && given.tokenFile !== undefined)
    throw new InvalidArgumentError("token", "give --token or --token-file, not both");
  if (given.tokenFile !== undefined) {
    if (given.tokenFile === "") throw new InvalidArgumentError("token-file", "names no file");
    return { kind: "file", path: given.tokenFile };
  }
  if (given.token === "-") return { kind: "stdin" };
  if (given.token !== undefined && given.token !== "") return { kind: "argv", token: given.token };
  if (given.env !== undefined && given.env.trim() !== "") return { kind: "env", token: given.env.trim() };
  throw new InvalidArgumentError(
    "token",
    `is required: swarmd join --token-file FILE MANAGER_ADDR (or ${joinTokenEnv}=TOKEN, or --token - to read it from standard input)`,
  );
}

/** The warning to log for a source, or undefined when the source keeps the token private. */
export function joinTokenWarning(source: JoinTokenSource): string | undefined {
  return source.kind === "argv"
    ? `the join token on the command line is readable by every local user (/proc/${process.pid}/cmdline) for as long as swarmd runs; use --token-file FILE, ${joinTokenEnv} or --token - instead`
    : undefined;
}

/**
 * Reads the token from its source. A token file readable by group or others is used but reported in
 * the returned warning; an empty file or input is refused naming the flag.
 */
export async function readJoinToken(
  source: JoinTokenSource,
  stdin: Readable = process.stdin,
): Promise<{ token: string; warning?: string }> {
  switch (source.kind) {
    case "argv":
    case "env":
      return { token: source.token };
    case "file": {
      let text: string;
      let mode: number;
      try {
        const info = await stat(source.path);
        mode = info.mode;
        if (info.size > joinTokenBytesMax)
          throw new InvalidArgumentError("token-file", `${source.path} is larger than ${joinTokenBytesMax} bytes`);
        text = await readFile(source.path, "utf8");
      } catch (error) {
        if (error instanceof InvalidArgumentError) throw error;
        throw new InvalidArgumentError("token-file", `cannot read ${source.path}: ${(error as Error).message}`);
      }
      const token = firstLine(text);
      if (token === "") throw new InvalidArgumentError("token-file", `${source.path} holds no token`);
      return (mode & 0o077) === 0
        ? { token }
        : {
            token,
            warning: `${source.path} is readable by other users (mode ${(mode & 0o777).toString(8)}); chmod 600 it`,
          };
    }
    case "stdin": {
      const token = firstLine(await readBounded(stdin));
      if (token === "") throw new InvalidArgumentError("token", "standard input (--token -) held no token");
      return { token };
    }
  }
}

function firstLine(text: string): string {
  return (text.split("\n")[0] ?? "").trim();
}

/**
 * Reads a stream up to its first line break or its end (so a token typed at a terminal needs no
 * Ctrl-D), refusing more than {@link joinTokenBytesMax} bytes.
 */
async function readBounded(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buffer = typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer);
    size += buffer.length;
    if (size > joinTokenBytesMax)
      throw new InvalidArgumentError("token", `standard input (--token -) is longer than ${joinTokenBytesMax} bytes`);
    chunks.push(buffer);
    if (buffer.includes(0x0a)) break;
  }
  return Buffer.concat(chunks).toString("utf8");
}
