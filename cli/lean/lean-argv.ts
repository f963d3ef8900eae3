// Which invocations the lean path answers, and their flags. It takes only the plain spellings of the
// list commands' own flags (`--format X`, `--format=X`, `-q`, `--filter K=V`, `-f K=V`, `--no-trunc`,
// the connection flags) and says null to everything else: help, an alias, an unknown or repeated flag,
// an argument, a value that looks like a flag. oclif then parses that invocation as it always did,
// with its own messages for what is wrong, so the lean path never answers a command line differently.
import type { ListFlags } from "../client/control-caller.js";
import type { ConnectionOptions } from "../client/global-options.js";
import { splitGlobalFlags } from "../commands/global-flags.js";

/** The commands the lean path answers, by their words. */
export const leanCommands = ["service ls", "node ls"] as const;

/** A command the lean path answers. */
export type LeanCommand = (typeof leanCommands)[number];

/** An invocation the lean path answers: its command, its flags and the connection flags given before it. */
export interface LeanInvocation {
  readonly command: LeanCommand;
  readonly flags: ListFlags & {
    readonly host?: string;
    readonly tlscacert?: string;
    readonly tlscert?: string;
    readonly tlskey?: string;
  };
  readonly global: ConnectionOptions;
}

/** Flags taking a value, by spelling, with the flag they set. */
const valueFlags: Readonly<Record<string, string>> = {
  "--format": "format",
  "--filter": "filter",
  "-f": "filter",
  "--host": "host",
  "-H": "host",
  "--tlscacert": "tlscacert",
  "--tlscert": "tlscert",
  "--tlskey": "tlskey",
};

/** Boolean flags, by spelling. */
const booleanFlags: Readonly<Record<string, string>> = { "-q": "quiet", "--quiet": "quiet", "--no-trunc": "no-trunc" };

/** The invocation argv names if the lean path answers it, else null (oclif's path answers it). */
export function leanInvocationOf(argv: readonly string[]): LeanInvocation | null {
  let split: ReturnType<typeof splitGlobalFlags>;
  try {
    split = splitGlobalFlags(argv);
  } catch {
    return null;
  }
  const [group, verb, ...rest] = split.rest;
  const command = `${group} ${verb}`;
  if (!(leanCommands as readonly string[]).includes(command)) return null;
  const flags: Record<string, string | boolean | string[]> = {};
  for (let i = 0; i < rest.length; i++) {
    const token = rest[i]!;
    const eq = token.startsWith("--") ? token.indexOf("=") : -1;
    const boolean = booleanFlags[token];
    let name: string | undefined;
    let value: string | undefined;
    if (boolean !== undefined) {
      if (flags[boolean] !== undefined) return null;
      flags[boolean] = true;
      continue;
    } else if (eq > 0) {
      name = valueFlags[token.slice(0, eq)];
      value = token.slice(eq + 1);
    } else {
      name = valueFlags[token];
      value = rest[++i];
    }
    if (name === undefined || value === undefined || value === "" || value.startsWith("-")) return null;
    if (name === "filter") flags[name] = [...((flags[name] as string[] | undefined) ?? []), value];
    else if (flags[name] !== undefined) return null;
    else flags[name] = value;
  }
  return { command: command as LeanCommand, flags, global: split.global };
}
