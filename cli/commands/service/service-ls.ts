// `swarmctl service ls`: ID NAME MODE REPLICAS IMAGE PORTS, with --quiet, --format and --filter.
import { Flags } from "@oclif/core";
import { SwarmCommand, formatFlag, quietFlag } from "../base-command.js";
import { serviceListText } from "./service-list.js";

/** `swarmctl service ls`. */
export class ServiceLsCommand extends SwarmCommand {
  static override summary = "List services";
  static override hiddenAliases = ["service:list"];
  static override examples = [
    "<%= config.bin %> service ls",
    "<%= config.bin %> service ls --filter mode=global --format '{{.Name}}'",
  ];
  static override flags = {
    format: formatFlag,
    quiet: quietFlag,
    filter: Flags.string({
      char: "f",
      description: "filter: name=, id=, label=, mode=",
      multiple: true,
      multipleNonGreedy: true,
    }),
    "no-trunc": Flags.boolean({ description: "do not truncate ids" }),
  };

  /** Lists the services. */
  async run(): Promise<void> {
    const { flags } = await this.parse(ServiceLsCommand);
    this.out(await serviceListText(flags, () => this.connect(flags)));
  }
}
