// swarm-ts's Task as Docker's Task JSON. States are Docker's lower-case names; `Slot` is set for
// replicated tasks (the CLI's progress bars are per slot); each network attachment carries the
// whole swarm network object, as Docker's does, looked up by the caller.
import type { swarm } from "../../proto/index.js";
import { taskStates } from "./enums.js";
import { type JsonOut, labelsOut, omitEmpty } from "./go-json.js";
import { formatTime } from "./json-time.js";
import { swarmNetworkOut } from "./network.js";
import { metaOut, portOut } from "./service-out.js";
import { genericResourceOut, taskSpecOut } from "./task-spec-out.js";

/** Finds a network by id, for the task's attachments (null when it is gone). */
export type NetworkLookup = (id: string) => swarm.v1.Network.$Properties | null;

/** Docker's Task for a stored task. */
export function taskOut(task: swarm.v1.Task.$Properties, networks: NetworkLookup): JsonOut {
  const status = task.status;
  const container = status?.container;
  return {
    ID: task.id ?? "",
    ...metaOut(task.meta),
    Name: omitEmpty(task.annotations?.name),
    Labels: labelsOut(task.annotations?.labels),
    Spec: taskSpecOut(task.spec),
    ServiceID: omitEmpty(task.serviceId),
    Slot: omitEmpty(Number(task.slot ?? 0)),
    NodeID: omitEmpty(task.nodeId),
    Status: {
      Timestamp: formatTime(status?.timestamp),
      State: taskStates.format(status?.state),
      Message: omitEmpty(status?.message),
      Err: omitEmpty(status?.err),
      ContainerStatus: container
        ? {
            ContainerID: container.containerId ?? "",
            PID: Number(container.pid ?? 0),
            ExitCode: Number(container.exitCode ?? 0),
          }
        : undefined,
      PortStatus: { Ports: omitEmpty((status?.portStatus?.ports ?? []).map(portOut)) },
    },
    DesiredState: taskStates.format(task.desiredState),
    NetworksAttachments: omitEmpty(
      (task.networks ?? []).map((attachment) => {
        const network = networks(attachment.networkId ?? "");
        return {
          Network: network ? swarmNetworkOut(network) : { ID: attachment.networkId ?? "" },
          Addresses: omitEmpty([...(attachment.addresses ?? [])]),
        };
      }),
    ),
    GenericResources: omitEmpty((task.assignedGenericResources ?? []).map(genericResourceOut)),
    JobIteration: task.jobIteration ? { Index: omitEmpty(Number(task.jobIteration.index ?? 0)) } : undefined,
  };
}
