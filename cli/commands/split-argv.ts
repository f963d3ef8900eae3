// `swarmctl service create [OPTIONS] IMAGE [COMMAND] [ARG...]` reads, as Docker does, flags only
// before the first positional argument (the image): everything after it is the container's
// command, even words that look like flags (`sh -e -c …`). oclif would parse those as flags (and
// mangles a flag repeated after a "--"), so only the part before the image ever reaches oclif.

/** What the splitter needs to know of a flag: whether it takes a value, and its short name. */
export interface FlagShape {
  readonly type: "boolean" | "option";
  readonly char?: string | undefined;
  readonly aliases?: readonly string[] | undefined;
}

/**
 * Splits argv at its first positional argument: the flags before it (with their values), and the
 * positional arguments from it on, untouched. A "--" before any positional ends the flags too.
 */
export function splitAtFirstPositional(
  argv: readonly string[],
  flags: Readonly<Record<string, FlagShape>>,
): { flags: string[]; positionals: string[] } {
  const byLong = new Map<string, FlagShape>();
  const byChar = new Map<string, FlagShape>();
  for (const [name, shape] of Object.entries(flags)) {
    byLong.set(name, shape);
    for (const alias of shape.aliases ?? []) byLong.set(alias, shape);
    if (shape.type === "boolean") byLong.set(`no-${name}`, shape);
    if (shape.char) byChar.set(shape.char, shape);
  }
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i]!;
    if (token === "--") return { flags: argv.slice(0, i), positionals: argv.slice(i + 1) };
    if (token.startsWith("--")) {
      const shape = byLong.get(token.slice(2).split("=")[0]!);
      if (shape?.type === "option" && !token.includes("=")) i++;
      continue;
    }
    if (token.startsWith("-") && token.length > 1) {
      const shape = byChar.get(token.charAt(1));
      if (shape?.type === "option" && token.length === 2) i++;
      continue;
    }
    return { flags: argv.slice(0, i), positionals: argv.slice(i) };
  }
  return { flags: [...argv], positionals: [] };
}

/**
 * Rewrites Docker's boolean values, `--init=false` and `--tty=true`, into the forms the flag parser
 * reads (`--no-init`, `--tty`); `--detach=false` on a flag without a negation is simply dropped.
 * Only long flags with "=true" or "=false" change; everything else is kept as it is.
 */
export function dockerBooleans(
  argv: readonly string[],
  flags: Readonly<Record<string, FlagShape & { allowNo?: boolean | undefined }>>,
): string[] {
  const out: string[] = [];
  for (const token of argv) {
    const m = /^--([^=]+)=(true|false)$/i.exec(token);
    const shape = m ? flags[m[1]!] : undefined;
    if (!m || shape?.type !== "boolean") {
      out.push(token);
      continue;
    }
    if (m[2]!.toLowerCase() === "true") out.push(`--${m[1]}`);
    else if (shape.allowNo === true) out.push(`--no-${m[1]}`);
  }
  return out;
}
