// `swarmctl node ls`: ID HOSTNAME STATUS AVAILABILITY MANAGER STATUS ENGINE VERSION (node-list.ts).
import { Flags } from "@oclif/core";
import { SwarmCommand, formatFlag, quietFlag } from "../base-command.js";
import { nodeListText } from "./node-list.js";

export { managerStatusText, nodeRows } from "./node-list.js";

/** `swarmctl node ls`. */
export class NodeLsCommand extends SwarmCommand {
  static override summary = "List nodes in the cluster";
  static override hiddenAliases = ["node:list"];
  static override examples = ["<%= config.bin %> node ls", "<%= config.bin %> node ls --filter role=manager -q"];
  static override flags = {
    format: formatFlag,
    quiet: quietFlag,
    filter: Flags.string({
      char: "f",
      description: "filter: name=, id=, label=, role=manager|worker",
      multiple: true,
      multipleNonGreedy: true,
    }),
    "no-trunc": Flags.boolean({ description: "do not truncate ids" }),
  };

  /** Lists the nodes. */
  async run(): Promise<void> {
    const { flags } = await this.parse(NodeLsCommand);
    this.out(await nodeListText(flags, () => this.connect(flags)));
  }
}
