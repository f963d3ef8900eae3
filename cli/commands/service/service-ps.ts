// `swarmctl service ps SERVICE...`: the tasks of services, Docker's columns and history layout.
import { Args, Flags } from "@oclif/core";
import { swarm } from "../../../proto/index.js";
import { UsageError } from "../../client/usage-error.js";
import { formatList } from "../../output/print.js";
import { SwarmCommand, formatFlag, quietFlag } from "../base-command.js";
import { parseFilters } from "../filters.js";
import { getService, listNodes } from "../lookup.js";
import { hostnamesOf, taskColumns, taskRows } from "./service-view.js";

/** The API task state for a `desired-state=` filter word. */
export function desiredStateOf(word: string): swarm.v1.TaskState {
  const S = swarm.v1.TaskState;
  const states: Record<string, swarm.v1.TaskState> = {
    running: S.TASK_STATE_RUNNING,
    shutdown: S.TASK_STATE_SHUTDOWN,
    accepted: S.TASK_STATE_ACCEPTED,
    complete: S.TASK_STATE_COMPLETE,
    remove: S.TASK_STATE_REMOVE,
  };
  const state = states[word];
  if (state === undefined)
    throw new UsageError("--filter", `desired-state=${word}: expected one of ${Object.keys(states).join(", ")}`);
  return state;
}

/** `swarmctl service ps`. */
export class ServicePsCommand extends SwarmCommand {
  static override summary = "List the tasks of one or more services";
  static override examples = [
    "<%= config.bin %> service ps web",
    "<%= config.bin %> service ps --filter desired-state=running -q web",
  ];
  static override strict = false;
  static override args = { service: Args.string({ description: "service name, id or id prefix", required: true }) };
  static override flags = {
    format: formatFlag,
    quiet: quietFlag,
    filter: Flags.string({
      char: "f",
      description: "filter: desired-state=running|shutdown|…, node=",
      multiple: true,
      multipleNonGreedy: true,
    }),
    "no-trunc": Flags.boolean({ description: "do not truncate ids and errors" }),
  };

  /** Lists the tasks. */
  async run(): Promise<void> {
    const { argv, flags } = await this.parse(ServicePsCommand);
    const filters = parseFilters(flags.filter, ["desired-state", "node"]);
    const connection = this.connect(flags);
    const services = await Promise.all((argv as string[]).map((ref) => getService(connection, ref)));
    const nodes = await listNodes(connection);
    const nodeIds = (filters.get("node") ?? []).map(
      (ref) =>
        nodes.find((x) => x.id === ref || x.description?.hostname === ref || x.spec?.annotations?.name === ref)?.id ??
        ref,
    );
    const { tasks } = await connection.call("listTasks", {
      filters: {
        serviceIds: services.map((s) => s.id),
        ...(filters.has("desired-state") ? { desiredStates: filters.get("desired-state")!.map(desiredStateOf) } : {}),
        ...(nodeIds.length ? { nodeIds } : {}),
      },
    });
    const rows = taskRows(tasks, hostnamesOf(nodes), {
      nowMs: Date.now(),
      noTrunc: flags["no-trunc"] || Boolean(flags.quiet),
    });
    this.out(formatList(flags, { columns: taskColumns, rows }));
  }
}
