// What `swarmctl service ls` prints, from its flags and a connection: shared by the oclif command
// (service-ls.ts) and the lean path (cli/lean/), so both print the same bytes for the same cluster.
import type { ControlCaller, ListFlags } from "../../client/control-caller.js";
import { formatList } from "../../output/print.js";
import { commonFilters, parseFilters } from "../filters.js";
import { serviceColumns, serviceRows } from "./service-view.js";

/**
 * The `service ls` output. The filters are checked before `connect` is called, so a bad filter is
 * reported before a bad address, as oclif's commands always did.
 */
export async function serviceListText(flags: ListFlags, connect: () => ControlCaller): Promise<string> {
  const filters = parseFilters(flags.filter, ["name", "id", "label", "mode"]);
  const connection = connect();
  const { services } = await connection.call("listServices", {
    filters: { ...commonFilters(filters), ...(filters.has("mode") ? { modes: filters.get("mode")! } : {}) },
  });
  const { tasks } = services.length
    ? await connection.call("listTasks", {
        filters: { serviceIds: services.map((s) => s.id) },
      })
    : { tasks: [] };
  const rows = serviceRows(services, tasks, flags["no-trunc"] || Boolean(flags.quiet));
  return formatList(flags, { columns: serviceColumns, rows });
}
