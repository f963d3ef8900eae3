// `swarmctl node ps [NODE...]`: the tasks on one or more nodes, with `service ps`'s columns, as
// `docker node ps`. With no node it lists the tasks of `self`, the node of the manager that answers
// (as Docker's defaults to the daemon's own node).
import { Args, Flags } from "@oclif/core";
import { formatList } from "../../output/print.js";
import { SwarmCommand, formatFlag, quietFlag } from "../base-command.js";
import { parseFilters } from "../filters.js";
import { getNode, listNodes, selfNodeRef } from "../lookup.js";
import { hostnamesOf, taskColumns, taskRows } from "../service/service-view.js";
import { nodePsFilterKeys, taskListFilters } from "../service/task-filters.js";

/** `swarmctl node ps`. */
export class NodePsCommand extends SwarmCommand {
  static override summary = "List tasks running on one or more nodes (default: the node of the manager that answers)";
  static override examples = [
    "<%= config.bin %> node ps worker-1",
    "<%= config.bin %> node ps --filter desired-state=running worker-1 worker-2",
    "<%= config.bin %> node ps self",
  ];
  static override strict = false;
  static override args = {
    node: Args.string({ description: "node id, hostname or id prefix, or self (the default)" }),
  };
  static override flags = {
    format: formatFlag,
    quiet: quietFlag,
    filter: Flags.string({
      char: "f",
      description: "filter: desired-state=running|shutdown|accepted, id=, name=, label=",
      multiple: true,
      multipleNonGreedy: true,
    }),
    "no-trunc": Flags.boolean({ description: "do not truncate ids and errors" }),
  };

  /** Lists the tasks. */
  async run(): Promise<void> {
    const { argv, flags } = await this.parse(NodePsCommand);
    const filters = parseFilters(flags.filter, nodePsFilterKeys);
    const connection = this.connect(flags);
    const refs = (argv as string[]).length > 0 ? (argv as string[]) : [selfNodeRef];
    const named = await Promise.all(refs.map((ref) => getNode(connection, ref)));
    const nodes = await listNodes(connection);
    const { tasks } = await connection.call("listTasks", {
      filters: { ...taskListFilters(filters, nodes), nodeIds: named.map((n) => n.id) },
    });
    const rows = taskRows(tasks, hostnamesOf(nodes), {
      nowMs: Date.now(),
      noTrunc: flags["no-trunc"] || Boolean(flags.quiet),
    });
    this.out(formatList(flags, { columns: taskColumns, rows }));
  }
}
