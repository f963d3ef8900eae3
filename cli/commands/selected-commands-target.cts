// The file oclif's explicit strategy loads for swarmctl's command map: CommonJS, so oclif require()s
// it instead of importing it (the bundled swarmctl cannot hand Node a dynamic import cheaply, see
// cli/bundle/), and it only hands on the record selected-commands.ts keeps on globalThis, whichever
// copy of that module (bundled or not) filled it.
import type { Command } from "@oclif/core";

/** The registered symbol selected-commands.ts keeps the record under. */
const selectedCommandsKey = Symbol.for("swarm-ts.swarmctl.selectedCommands");

const holder = globalThis as unknown as Record<symbol, Record<string, Command.Class> | undefined>;

export = { SELECTED_COMMANDS: (holder[selectedCommandsKey] ??= {}) };
