// `swarmctl service ls`: ID NAME MODE REPLICAS IMAGE PORTS, with --quiet, --format and --filter.
import { Flags } from "@oclif/core";
import { formatList } from "../../output/print.js";
import { SwarmCommand, formatFlag, quietFlag } from "../base-command.js";
import { commonFilters, parseFilters } from "../filters.js";
import { serviceColumns, serviceRows } from "./service-view.js";

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
    const filters = parseFilters(flags.filter, ["name", "id", "label", "mode"]);
    const connection = this.connect(flags);
    const { services } = await connection.call("listServices", {
      filters: { ...commonFilters(filters), ...(filters.has("mode") ? { modes: filters.get("mode")! } : {}) },
    });
    const { tasks } = services.length
      ? await connection.call("listTasks", {
          filters: { serviceIds: services.map((s) => s.id) },
        })
      : { tasks: [] };
    const rows = serviceRows(services, tasks, flags["no-trunc"] || Boolean(flags.quiet));
    this.out(formatList(flags, { columns: serviceColumns, rows }));
  }
}
