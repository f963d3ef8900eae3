// The commands oclif sees in this run. oclif's explicit strategy reads a named export of a module
// file, not a value it is handed, so swarmctlMain fills this record (see command-loaders.ts) before
// it starts oclif; a process runs one swarmctl command, so one record is enough.
import type { Command } from "@oclif/core";

/** The command classes of the current run, by oclif id. */
export const SELECTED_COMMANDS: Record<string, Command.Class> = {};

/** Makes `commands` the ones oclif finds next. */
export function selectCommands(commands: Readonly<Record<string, Command.Class>>): void {
  for (const id of Object.keys(SELECTED_COMMANDS)) delete SELECTED_COMMANDS[id];
  Object.assign(SELECTED_COMMANDS, commands);
}
