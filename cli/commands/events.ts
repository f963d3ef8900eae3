// `swarmctl events`: the store's changes as they happen, through the Watch API, one line each
// ("<time> <kind> <action> <id> (name=<name>)") or one JSON object per line with --format json.
import { Flags } from "@oclif/core";
import { swarm } from "../../proto/index.js";
import { plain } from "../output/plain.js";
import { parseTemplate } from "../output/template.js";
import { SwarmCommand, formatFlag } from "./base-command.js";
import { eventFilterKeys, eventMatches, parseEventFilters, watchedKinds } from "./event-filters.js";

export { eventKinds } from "./event-filters.js";

/** One event as printed: what, which, and the object itself. */
export interface EventView {
  readonly time: string;
  readonly type: string;
  readonly action: string;
  readonly id: string;
  readonly name: string;
  readonly object: Record<string, unknown>;
}

/** The printable view of one watch event, stamped with `nowMs`. */
export function eventView(event: swarm.v1.WatchEvent, nowMs: number): EventView | null {
  const object = event.object;
  const type = object?.object ?? "";
  if (!object || !type) return null;
  const value = object[type] as
    { id?: string; spec?: { annotations?: { name?: string } }; annotations?: { name?: string } } | null | undefined;
  const types = {
    node: swarm.v1.Node,
    service: swarm.v1.Service,
    task: swarm.v1.Task,
    secret: swarm.v1.Secret,
    config: swarm.v1.Config,
    network: swarm.v1.Network,
    cluster: swarm.v1.Cluster,
  } as const;
  const action = Number(event.action) === 1 ? "create" : Number(event.action) === 4 ? "remove" : "update";
  return {
    time: new Date(nowMs).toISOString(),
    type,
    action,
    id: value?.id ?? "",
    name: value?.spec?.annotations?.name || value?.annotations?.name || "",
    object: value ? plain(types[type] as typeof swarm.v1.Node, value as swarm.v1.Node) : {},
  };
}

/** `swarmctl events`. */
export class EventsCommand extends SwarmCommand {
  static override summary = "Stream the cluster's changes as they happen";
  static override examples = [
    "<%= config.bin %> events",
    "<%= config.bin %> events --filter type=service --format json",
    "<%= config.bin %> events --filter service=web --filter event=update",
  ];
  static override flags = {
    format: formatFlag,
    filter: Flags.string({
      char: "f",
      description: `filter: ${eventFilterKeys.map((k) => `${k}=`).join(", ")} (type=node|service|task|…, event=create|update|remove, scope=swarm|local)`,
      multiple: true,
      multipleNonGreedy: true,
    }),
  };

  /** Streams events until interrupted (or the manager goes away). */
  async run(): Promise<void> {
    const { flags } = await this.parse(EventsCommand);
    const filters = parseEventFilters(flags.filter);
    const template = flags.format && flags.format !== "json" ? parseTemplate(flags.format) : null;
    const connection = this.connect(flags);
    const stream = connection.watch.watch({
      entries: watchedKinds(filters).map((kind) => ({ kind })),
    });
    for await (const message of stream as AsyncIterable<swarm.v1.WatchMessage>) {
      for (const event of message.events) {
        const view = eventView(event, Date.now());
        if (!view || !eventMatches(view, filters)) continue;
        if (flags.format === "json") this.out(`${JSON.stringify(view)}\n`);
        else if (template) this.out(`${template.render(view)}\n`);
        else
          this.out(`${view.time} ${view.type} ${view.action} ${view.id}${view.name ? ` (name=${view.name})` : ""}\n`);
      }
    }
  }
}
