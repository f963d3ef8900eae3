// A task's container network. A task attached to the predefined `host` network shares the node's
// network namespace, as `docker service create --network host` does; `none` gives it a loopback
// only; any other task gets the engine's default network. A container on the host network cannot
// publish ports through the engine and, like a process task, cannot listen on its target port
// itself (replicas on one node would clash), so the executor picks a node port per ingress target
// port and tells the program in its environment (see ../task-ports.ts). The picked ports are kept
// in a container label, so an agent that restarts and adopts the container still reports them.
import { InvalidArgumentError, isPredefinedNetwork, type PredefinedNetwork } from "../../../common/index.js";
import type { TaskContext } from "../executor.js";
import { portStatus, type PortBinding } from "../task-ports.js";
import type { swarm } from "../../../proto/index.js";

/** The engine network mode a task asks for: host, none (the predefined networks' names), or the engine's default. */
export type NetworkMode = PredefinedNetwork | "default";

/** Label holding the node ports picked for a host-network task, e.g. "8080/tcp=41234,53/udp=41235". */
export const hostPortsLabel = "io.swarm-ts.task.host-ports";

/** The network mode of a task from its spec's network attachments. */
export function networkMode(context: TaskContext): NetworkMode {
  const targets = (context.task.spec?.networks ?? []).map((n) => n.target ?? "");
  const predefined = targets.filter(isPredefinedNetwork);
  const first = predefined[0];
  if (first === undefined) return "default";
  // The manager refuses these; a task that got here anyway fails with the reason rather than running on a network it did not ask for.
  if (targets.length > 1)
    throw new InvalidArgumentError("task.spec.networks", `the ${first} network cannot be combined with other networks`);
  return first;
}

/** The label value recording picked node ports. */
export function hostPortsLabelValue(bindings: readonly PortBinding[]): string {
  return bindings.map((b) => `${b.targetPort}/${b.protocol}=${b.nodePort}`).join(",");
}

/** The port status recorded in a host-network container's label; empty when there is none or it is malformed. */
export function hostPortsFromLabel(value: string | undefined): swarm.v1.IPortConfig[] {
  if (value === undefined || value === "") return [];
  const bindings: PortBinding[] = [];
  for (const entry of value.split(",")) {
    const m = /^(\d+)\/(tcp|udp)=(\d+)$/.exec(entry);
    if (m === null) return [];
    bindings.push({ targetPort: Number(m[1]), protocol: m[2] as "tcp" | "udp", nodePort: Number(m[3]) });
  }
  return portStatus(bindings);
}
