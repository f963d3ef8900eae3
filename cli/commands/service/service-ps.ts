// `swarmctl service ps SERVICE...`: the tasks of services, Docker's columns and history layout.
import { Args, Flags } from "@oclif/core";
import { formatList } from "../../output/print.js";
import { SwarmCommand, formatFlag, quietFlag } from "../base-command.js";
import { parseFilters } from "../filters.js";
import { getService, listNodes } from "../lookup.js";
import { hostnamesOf, taskColumns, taskRows } from "./service-view.js";
import { servicePsFilterKeys, taskListFilters } from "./task-filters.js";

export { desiredStateOf } from "./task-filters.js";

/** `swarmctl service ps`. */
export class ServicePsCommand extends SwarmCommand {
  static override summary = "List the tasks of one or more services";
  static override examples = [
    "<%= config.bin %> service ps web",
    "<%= config.bin %> service ps --filter desired-state=running -q web",
    "<%= config.bin %> service ps --filter node=worker-1 --filter name=web.1 --no-trunc web",
  ];
  static override strict = false;
  static override args = { service: Args.string({ description: "service name, id or id prefix", required: true }) };
  static override flags = {
    format: formatFlag,
    quiet: quietFlag,
    filter: Flags.string({
      char: "f",
      description: "filter: desired-state=running|shutdown|accepted, id=, name=, node=",
      multiple: true,
      multipleNonGreedy: true,
    }),
    "no-trunc": Flags.boolean({ description: "do not truncate ids and errors" }),
  };

  /** Lists the tasks. */
  async run(): Promise<void> {
    const { argv, flags } = await this.parse(ServicePsCommand);
    const filters = parseFilters(flags.filter, servicePsFilterKeys);
    const connection = this.connect(flags);
    const services = await Promise.all((argv as string[]).map((ref) => getService(connection, ref)));
    const nodes = await listNodes(connection);
    const { tasks } = await connection.call("listTasks", {
      filters: { serviceIds: services.map((s) => s.id), ...taskListFilters(filters, nodes) },
    });
    const rows = taskRows(tasks, hostnamesOf(nodes), {
      nowMs: Date.now(),
      noTrunc: flags["no-trunc"] || Boolean(flags.quiet),
    });
    this.out(formatList(flags, { columns: taskColumns, rows }));
  }
}
