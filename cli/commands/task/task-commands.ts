// `swarmctl task ls|inspect`: every task of the cluster (or those matching --filter) in the
// `service ps` layout, and tasks as JSON.
import { Args, Flags } from "@oclif/core";
import { swarm } from "../../../proto/index.js";
import { plain } from "../../output/plain.js";
import { formatList } from "../../output/print.js";
import { SwarmCommand, formatFlag, quietFlag } from "../base-command.js";
import { parseFilters } from "../filters.js";
import { inspectEach } from "../inspect-each.js";
import { getService, listNodes } from "../lookup.js";
import { desiredStateOf } from "../service/service-ps.js";
import { hostnamesOf, taskColumns, taskRows } from "../service/service-view.js";

/** `swarmctl task ls`. */
export class TaskLsCommand extends SwarmCommand {
  static override summary = "List tasks";
  static override hiddenAliases = ["task:list"];
  static override examples = [
    "<%= config.bin %> task ls",
    "<%= config.bin %> task ls --filter service=web --filter desired-state=running",
  ];
  static override flags = {
    format: formatFlag,
    quiet: quietFlag,
    filter: Flags.string({
      char: "f",
      description: "filter: service=, node=, desired-state=",
      multiple: true,
      multipleNonGreedy: true,
    }),
    "no-trunc": Flags.boolean({ description: "do not truncate ids and errors" }),
  };

  /** Lists the tasks. */
  async run(): Promise<void> {
    const { flags } = await this.parse(TaskLsCommand);
    const filters = parseFilters(flags.filter, ["service", "node", "desired-state"]);
    const connection = this.connect(flags);
    const nodes = await listNodes(connection);
    const serviceIds = await Promise.all(
      (filters.get("service") ?? []).map(async (ref) => (await getService(connection, ref)).id),
    );
    const nodeIds = (filters.get("node") ?? []).map(
      (ref) =>
        nodes.find((x) => x.id === ref || x.description?.hostname === ref || x.spec?.annotations?.name === ref)?.id ??
        ref,
    );
    const { tasks } = await connection.call("listTasks", {
      filters: {
        ...(serviceIds.length ? { serviceIds } : {}),
        ...(nodeIds.length ? { nodeIds } : {}),
        ...(filters.has("desired-state") ? { desiredStates: filters.get("desired-state")!.map(desiredStateOf) } : {}),
      },
    });
    const rows = taskRows(tasks, hostnamesOf(nodes), {
      nowMs: Date.now(),
      noTrunc: flags["no-trunc"] || Boolean(flags.quiet),
    });
    this.out(formatList(flags, { columns: taskColumns, rows }));
  }
}

/** `swarmctl task inspect`. */
export class TaskInspectCommand extends SwarmCommand {
  static override summary = "Display detailed information on one or more tasks";
  static override examples = [
    "<%= config.bin %> task inspect 3x7k2",
    "<%= config.bin %> task inspect --format '{{.Status.State}}' 3x7k2",
  ];
  static override strict = false;
  static override args = { task: Args.string({ description: "task id or id prefix", required: true }) };
  static override flags = { format: formatFlag };

  /** Prints the tasks. */
  async run(): Promise<void> {
    const { argv, flags } = await this.parse(TaskInspectCommand);
    const connection = this.connect(flags);
    await inspectEach(
      argv as string[],
      async (ref) => plain(swarm.v1.Task, (await connection.call("getTask", { taskId: ref })).task),
      flags.format,
      (t) => this.out(t),
    );
  }
}
