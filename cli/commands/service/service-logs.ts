// `swarmctl service logs SERVICE|TASK`: streams log lines through Logs.SubscribeLogs, each
// prefixed as Docker does ("web.1.<task id>@<node>    | line"); stderr lines go to stderr.
import { Args, Flags } from "@oclif/core";
import { msFromTimestamp, timestampFromMs } from "../../../common/index.js";
import type { swarm } from "../../../proto/index.js";
import type { Connection } from "../../client/connection.js";
import { UsageError } from "../../client/usage-error.js";
import { parseDurationNs } from "../../service-spec/units.js";
import { SwarmCommand } from "../base-command.js";
import { getService, listNodes } from "../lookup.js";
import { hostnamesOf } from "./service-view.js";

/** The `--since` value as ms since the epoch: a duration back from now ("10m") or an RFC 3339 time. */
export function sinceMs(text: string, nowMs: number): number {
  if (/^\d+(\.\d+)?(ns|us|µs|ms|s|m|h)/.test(text)) return nowMs - parseDurationNs("--since", text) / 1e6;
  const ms = /^\d{4}-\d{2}-\d{2}/.test(text) ? Date.parse(text) : NaN;
  if (Number.isNaN(ms)) throw new UsageError("--since", `"${text}" is neither a duration (10m) nor an RFC 3339 time`);
  return ms;
}

/** A log line's timestamp as RFC 3339 with nanoseconds, as Docker prints with --timestamps. */
export function rfc3339Nano(ts: { seconds?: number | null; nanos?: number | null } | null | undefined): string {
  const ms = msFromTimestamp(ts);
  return `${new Date(ms - (ms % 1000)).toISOString().slice(0, 19)}.${String(ts?.nanos ?? 0).padStart(9, "0")}Z`;
}

/** `swarmctl service logs`. */
export class ServiceLogsCommand extends SwarmCommand {
  static override summary = "Fetch the logs of a service or task";
  static override examples = [
    "<%= config.bin %> service logs web",
    "<%= config.bin %> service logs --follow --tail 20 --since 10m web",
  ];
  static override args = {
    target: Args.string({ description: "service or task (name, id or id prefix)", required: true }),
  };
  static override flags = {
    follow: Flags.boolean({ char: "f", description: "keep streaming new output" }),
    tail: Flags.string({
      char: "n",
      description: "lines from the end of each task's log (a number or all)",
      default: "all",
    }),
    since: Flags.string({ description: "only lines since a time (RFC 3339) or for a duration back (10m)" }),
    timestamps: Flags.boolean({ char: "t", description: "show timestamps" }),
    "no-task-ids": Flags.boolean({ description: "leave task ids out of the prefix" }),
    raw: Flags.boolean({ description: "no prefix at all" }),
  };

  /** Streams the logs. */
  async run(): Promise<void> {
    const { args, flags } = await this.parse(ServiceLogsCommand);
    if (flags.tail !== "all" && !/^\d+$/.test(flags.tail))
      throw new UsageError("--tail", `"${flags.tail}" is neither a number nor all`);
    const since = flags.since === undefined ? undefined : sinceMs(flags.since, Date.now());
    const connection = this.connect(flags);
    const { selector, tasks } = await selectorOf(connection, args.target);
    const hostnames = hostnamesOf(await listNodes(connection));
    const prefixOf = (ctx: swarm.v1.LogContext.$Properties | null | undefined): string => {
      const task = tasks.get(ctx?.taskId ?? "");
      const name = task
        ? `${task.serviceAnnotations?.name ?? ""}.${Number(task.slot ?? 0) || task.nodeId}`
        : (ctx?.taskId ?? "");
      const id = flags["no-task-ids"] ? "" : `.${ctx?.taskId ?? ""}`;
      return `${name}${id}@${hostnames.get(ctx?.nodeId ?? "") ?? ctx?.nodeId ?? ""}`;
    };
    const stream = connection.logs.subscribeLogs({
      selector,
      options: {
        follow: flags.follow,
        tail: flags.tail === "all" ? -1 : Number(flags.tail),
        ...(since === undefined ? {} : { since: timestampFromMs(since) }),
      },
    });
    const width = Math.max(0, ...[...tasks.values()].map((t) => prefixOf({ taskId: t.id, nodeId: t.nodeId }).length));
    for await (const message of stream as AsyncIterable<swarm.v1.SubscribeLogsMessage>) {
      for (const m of message.messages) {
        const text = Buffer.from(m.data).toString("utf8");
        const stamp = flags.timestamps ? `${rfc3339Nano(m.timestamp)} ` : "";
        const line = flags.raw ? `${stamp}${text}` : `${prefixOf(m.context).padEnd(width)}    | ${stamp}${text}`;
        const target = Number(m.stream) === 2 ? process.stderr : process.stdout;
        target.write(line.endsWith("\n") ? line : `${line}\n`);
      }
    }
  }
}

/** The log selector for a service or, failing that, a task; with the tasks that name the lines. */
async function selectorOf(
  connection: Connection,
  ref: string,
): Promise<{ selector: swarm.v1.LogSelector.$Properties; tasks: Map<string, swarm.v1.Task> }> {
  try {
    const service = await getService(connection, ref);
    const { tasks } = await connection.call("listTasks", {
      filters: { serviceIds: [service.id] },
    });
    return { selector: { serviceIds: [service.id] }, tasks: new Map(tasks.map((t) => [t.id, t])) };
  } catch (error) {
    // 5 is NOT_FOUND: not a service, so perhaps a task.
    if ((error as { code?: number }).code !== 5) throw error;
    const { task } = await connection.call("getTask", { taskId: ref });
    return { selector: { taskIds: [task.id] }, tasks: new Map([[task.id, task]]) };
  }
}
