// `swarmctl service create [OPTIONS] IMAGE [COMMAND] [ARG...]` reads, as Docker does, everything
// after the image as the container's command, even words that look like flags ("ls -l"). oclif
// would parse "-l" as a flag, so the command line gets a "--" inserted right after the image.

/** What the splitter needs to know of a flag: whether it takes a value, and its short name. */
export interface FlagShape {
  readonly type: "boolean" | "option";
  readonly char?: string | undefined;
  readonly aliases?: readonly string[] | undefined;
}

/** The argv with "--" after the first positional argument (unchanged when there is none or "--" comes first). */
export function splitAfterFirstPositional(
  argv: readonly string[],
  flags: Readonly<Record<string, FlagShape>>,
): string[] {
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
    if (token === "--") return [...argv];
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
    return [...argv.slice(0, i + 1), "--", ...argv.slice(i + 1)];
  }
  return [...argv];
}
