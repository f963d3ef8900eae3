// swarmctl's main: runs oclif with its configuration given inline (no package.json section, no
// directory scan: the commands come from an explicit map holding only the command argv names, see
// command-loaders.ts), and maps every error to one line on stderr and an exit code (exit-codes.ts).
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { run, settings } from "@oclif/core";
import { setGlobalConnectionOptions } from "../client/global-options.js";
import { commandsFor } from "./command-loaders.js";
import { describeError } from "./exit-codes.js";
import { splitGlobalFlags } from "./global-flags.js";
import { selectCommands } from "./selected-commands.js";

export { commandWordsOf } from "./command-words.js";

/** The package root (where package.json is) and its manifest, found upwards from this file. */
export function packageRoot(): { root: string; pjson: Record<string, unknown> } {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const file = join(dir, "package.json");
    if (existsSync(file))
      return { root: dir, pjson: JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown> };
    const parent = dirname(dir);
    if (parent === dir) throw new Error("swarmctl: package.json not found above its own file");
    dir = parent;
  }
}

/** The oclif section swarmctl runs with (the same JSON could live in package.json under "oclif"). */
export function oclifSection(root: string): Record<string, unknown> {
  const target = fileURLToPath(new URL("./selected-commands-target.cjs", import.meta.url));
  return {
    bin: "swarmctl",
    dirname: "swarmctl",
    topicSeparator: " ",
    commands: {
      strategy: "explicit",
      target: target.startsWith(root) ? target.slice(root.length).replace(/^\//, "./") : target,
      identifier: "SELECTED_COMMANDS",
    },
    topics: {
      service: { description: "manage services" },
      node: { description: "manage nodes" },
      task: { description: "inspect tasks" },
      secret: { description: "manage secrets" },
      config: { description: "manage configs" },
      network: { description: "manage overlay networks" },
      cluster: { description: "manage the cluster" },
      stack: { description: "manage stacks deployed from Compose files" },
    },
  };
}

/** Runs swarmctl with the given arguments; resolves with the exit code. */
export async function swarmctlMain(argv: readonly string[]): Promise<number> {
  // The compiled JavaScript is what runs: never look for TypeScript sources or ts-node.
  settings.enableAutoTranspile = false;
  try {
    const { root, pjson } = packageRoot();
    // Docker's form: the manager (and the operator's certificate) before the command.
    const { global, rest } = splitGlobalFlags(argv);
    setGlobalConnectionOptions(global);
    // `--version` first is answered by oclif before any command is looked up: none is loaded.
    selectCommands(rest[0] === "--version" ? {} : await commandsFor(rest));
    await run(rest, {
      root,
      pjson: { ...pjson, oclif: oclifSection(root) } as never,
      userPlugins: false,
      devPlugins: false,
    });
    return typeof process.exitCode === "number" ? process.exitCode : 0;
  } catch (error) {
    const { line, code } = describeError(error);
    if (code !== 0 && line) process.stderr.write(`Error: ${line}\n`);
    return code;
  }
}
