// What `swarmctl node ls` prints: ID HOSTNAME STATUS AVAILABILITY MANAGER STATUS ENGINE VERSION, with
// "*" after the id of the node swarmctl talks to (the manager names itself in a trailer of its answer;
// an older one is recognised by a host:port target equal to its address). Shared by the oclif command
// (node-ls.ts) and the lean path (cli/lean/), so both print the same bytes for the same cluster.
import { swarm } from "../../../proto/index.js";
import type { ControlCaller, ListFlags } from "../../client/control-caller.js";
import { enumLabel, shortId } from "../../output/plain.js";
import { formatList } from "../../output/print.js";
import { commonFilters, parseFilters } from "../filters.js";

const Role = swarm.v1.NodeSpec.Role;

/** The MANAGER STATUS cell: Leader, Reachable, Unreachable, or empty for workers. */
export function managerStatusText(node: swarm.v1.Node.$Properties): string {
  if (Number(node.role ?? 0) !== Number(Role.ROLE_MANAGER) && !node.managerStatus) return "";
  if (node.managerStatus?.leader) return "Leader";
  return enumLabel(swarm.v1.ManagerStatus.Reachability, node.managerStatus?.reachability, "REACHABILITY_");
}

/**
 * `node ls` rows; `selfId` is the id of the node that answered ("" if unknown), `selfAddr` the
 * manager address swarmctl talks to, if it is host:port, and `markSelf` asks for Docker's "*" after
 * its id (tables only: ids stay clean for -q and templates).
 */
export function nodeRows(
  nodes: readonly swarm.v1.Node.$Properties[],
  options: { selfId?: string; selfAddr: string; noTrunc: boolean; markSelf: boolean },
): Record<string, string>[] {
  const { selfAddr, noTrunc } = options;
  const selfId = options.selfId ?? "";
  return nodes.map((x) => {
    const self =
      options.markSelf && (selfId !== "" ? x.id === selfId : selfAddr !== "" && x.managerStatus?.addr === selfAddr);
    return {
      ID: `${noTrunc ? (x.id ?? "") : shortId(x.id)}${self ? " *" : ""}`,
      Hostname: x.description?.hostname || x.spec?.annotations?.name || "",
      Status: enumLabel(swarm.v1.NodeStatus.State, x.status?.state, "STATE_"),
      Availability: enumLabel(swarm.v1.NodeSpec.Availability, x.spec?.availability, "AVAILABILITY_"),
      ManagerStatus: managerStatusText(x),
      EngineVersion: x.description?.engine?.engineVersion ?? "",
    };
  });
}

/**
 * The `node ls` output. The filters are checked before `connect` is called, so a bad filter is
 * reported before a bad address, as oclif's commands always did.
 */
export async function nodeListText(flags: ListFlags, connect: () => ControlCaller): Promise<string> {
  const filters = parseFilters(flags.filter, ["name", "id", "label", "role"]);
  const roles = (filters.get("role") ?? []).map((r) => (r === "manager" ? Role.ROLE_MANAGER : Role.ROLE_WORKER));
  const connection = connect();
  const { nodes } = await connection.call("listNodes", {
    filters: { ...commonFilters(filters), ...(roles.length ? { roles } : {}) },
  });
  const rows = nodeRows(nodes, {
    selfId: connection.servingNodeId,
    selfAddr: connection.target.startsWith("unix:") ? "" : connection.target,
    noTrunc: flags["no-trunc"] || Boolean(flags.quiet),
    markSelf: !flags.quiet && !flags.format,
  });
  return formatList(flags, {
    columns: ["ID", "HOSTNAME", "STATUS", "AVAILABILITY", "MANAGER STATUS", "ENGINE VERSION"],
    rows,
  });
}
