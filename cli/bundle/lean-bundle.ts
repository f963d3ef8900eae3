// The lean bundle (swarmctl-lean.cjs, cli/lean/) beside the full one: which file it is, and which
// invocations are worth loading it for. The loader decides from the words alone, without loading any
// module of the CLI; the lean bundle then decides for itself (cli/lean/lean-argv.ts) and hands back
// what it does not answer. Loading it for nothing costs a command about 20 ms, so only argv with the
// words of a lean command loads it.

/** The lean bundle's file name, beside dist/cli/swarmctl.js. */
export const leanBundleFile = "swarmctl-lean.cjs";

/** Set to anything but "" or "0", swarmctl never takes the lean path (the tests compare both paths). */
export const noLeanEnv = "SWARMCTL_NO_LEAN";

/** The words of the commands the lean path answers (kept equal to lean-argv.ts's by a test). */
export const leanCommandWords: readonly (readonly [string, string])[] = [
  ["service", "ls"],
  ["node", "ls"],
];

/** Whether argv holds the words of a lean command, one after the other. */
export function mayRunLean(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): boolean {
  const off = env[noLeanEnv];
  if (off !== undefined && off !== "" && off !== "0") return false;
  return argv.some((word, i) => leanCommandWords.some(([group, verb]) => word === group && argv[i + 1] === verb));
}
