// The commands oclif sees in this run. oclif's explicit strategy reads a named export of a module
// file, not a value it is handed, so swarmctlMain fills this record (see command-loaders.ts) before
// it starts oclif; a process runs one swarmctl command, so one record is enough. The record lives on
// globalThis under a registered symbol: the bundled swarmctl (cli/bundle/) carries its own copy of this
// module, and oclif loads selected-commands-target.cts from dist/, so all must hand out the same record.
import type { Command } from "@oclif/core";

/** The registered symbol the record is kept under. */
const selectedCommandsKey = Symbol.for("swarm-ts.swarmctl.selectedCommands");

/** The process's one record, created by whichever copy of this module loads first. */
function sharedRecord(): Record<string, Command.Class> {
  const holder = globalThis as { [selectedCommandsKey]?: Record<string, Command.Class> };
  holder[selectedCommandsKey] ??= {};
  return holder[selectedCommandsKey];
}

/** The command classes of the current run, by oclif id. */
export const SELECTED_COMMANDS: Record<string, Command.Class> = sharedRecord();

/** Makes `commands` the ones oclif finds next. */
export function selectCommands(commands: Readonly<Record<string, Command.Class>>): void {
  for (const id of Object.keys(SELECTED_COMMANDS)) delete SELECTED_COMMANDS[id];
  Object.assign(SELECTED_COMMANDS, commands);
}
