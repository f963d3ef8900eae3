// swarm-ts's Service as Docker's Service JSON: the spec (normalised, see task-spec-out.ts), the
// allocated endpoint, the update status the CLI's progress bars follow, and, on request, the
// task counts of `service ls` and the defaults of `service inspect` (`insertDefaults`).
import { swarm } from "../../proto/index.js";
import { failureActions, portProtocols, publishModes, resolutionModes, updateOrders, updateStates } from "./enums.js";
import { type JsonOut, labelsOut, omitEmpty } from "./go-json.js";
import { formatTime, isSetTime } from "./json-time.js";
import { restartDelayNsDefault } from "./task-spec-in.js";
import { networkAttachmentOut, taskSpecOut } from "./task-spec-out.js";
import { updateMonitorNsDefault } from "./service-spec-in.js";

type Spec = swarm.v1.ServiceSpec.$Properties;

/** Docker's stop grace period when a container spec leaves it unset, in nanoseconds. */
export const stopGracePeriodNsDefault = 10_000_000_000;

/** Task counts of a service, as `GET /services?status=true` adds them. */
export interface ServiceStatus {
  readonly RunningTasks: number;
  readonly DesiredTasks: number;
  readonly CompletedTasks: number;
}

/** The update settings swarmkit fills in when a spec has none (its `defaults.Service`). */
function defaultUpdateConfig(): swarm.v1.UpdateConfig.$Properties {
  return {
    parallelism: 1,
    failureAction: swarm.v1.UpdateConfig.FailureAction.FAILURE_ACTION_PAUSE,
    monitorNs: updateMonitorNsDefault,
    order: swarm.v1.UpdateConfig.Order.ORDER_STOP_FIRST,
  };
}

/** A spec with swarmkit's defaults filled in where it leaves fields unset (`insertDefaults=true`). */
export function withServiceDefaults(spec: Spec): Spec {
  const task = spec.task ?? {};
  const container = task.container ?? {};
  return {
    ...spec,
    task: {
      ...task,
      container: {
        ...container,
        stopGracePeriodNs: Number(container.stopGracePeriodNs ?? 0) || stopGracePeriodNsDefault,
        dnsConfig: container.dnsConfig ?? {},
      },
      resources: task.resources ?? {},
      restart: task.restart ?? {
        condition: swarm.v1.RestartPolicy.Condition.RESTART_CONDITION_ANY,
        delayNs: restartDelayNsDefault,
      },
      placement: task.placement ?? {},
    },
    update: spec.update ?? defaultUpdateConfig(),
    rollback: spec.rollback ?? defaultUpdateConfig(),
  };
}

/** Docker's ServiceSpec for a proto spec. */
export function serviceSpecOut(spec: Spec): JsonOut {
  return {
    Name: spec.annotations?.name ?? "",
    Labels: labelsOut(spec.annotations?.labels),
    TaskTemplate: taskSpecOut(spec.task),
    Mode: modeOut(spec),
    UpdateConfig: spec.update ? updateConfigOut(spec.update) : undefined,
    RollbackConfig: spec.rollback ? updateConfigOut(spec.rollback) : undefined,
    // Kept where an older swarm-ts client put them; Docker clients send TaskTemplate.Networks.
    Networks: omitEmpty((spec.networks ?? []).map(networkAttachmentOut)),
    EndpointSpec: spec.endpoint ? endpointSpecOut(spec.endpoint) : undefined,
  };
}

function modeOut(spec: Spec): JsonOut {
  if (spec.global) return { Global: {} };
  if (spec.replicatedJob)
    return {
      ReplicatedJob: {
        MaxConcurrent: Number(spec.replicatedJob.maxConcurrent ?? 0),
        TotalCompletions: Number(spec.replicatedJob.totalCompletions ?? 0),
      },
    };
  if (spec.globalJob) return { GlobalJob: {} };
  // Replicas is always written: the CLI's progress code cannot read a replicated mode without it.
  return { Replicated: { Replicas: Number(spec.replicated?.replicas ?? 0) } };
}

function updateConfigOut(c: swarm.v1.UpdateConfig.$Properties): JsonOut {
  return {
    Parallelism: Number(c.parallelism ?? 0),
    Delay: omitEmpty(Number(c.delayNs ?? 0)),
    FailureAction: failureActions.format(c.failureAction),
    Monitor: omitEmpty(Number(c.monitorNs ?? 0)),
    MaxFailureRatio: Number(c.maxFailureRatio ?? 0),
    Order: updateOrders.format(c.order),
  };
}

/** Docker's PortConfig. */
export function portOut(p: swarm.v1.PortConfig.$Properties): JsonOut {
  return {
    Name: omitEmpty(p.name),
    Protocol: portProtocols.format(p.protocol),
    TargetPort: omitEmpty(Number(p.targetPort ?? 0)),
    PublishedPort: omitEmpty(Number(p.publishedPort ?? 0)),
    PublishMode: publishModes.format(p.publishMode),
  };
}

function endpointSpecOut(e: swarm.v1.EndpointSpec.$Properties): JsonOut {
  return { Mode: resolutionModes.format(e.mode), Ports: omitEmpty((e.ports ?? []).map(portOut)) };
}

/** Docker's Version and timestamps of a stored object (the embedded Meta). */
export function metaOut(meta: swarm.v1.Meta.$Properties | null | undefined): JsonOut {
  return {
    Version: { Index: Number(meta?.version?.index ?? 0) },
    CreatedAt: formatTime(meta?.createdAt),
    UpdatedAt: formatTime(meta?.updatedAt),
  };
}

/** Docker's Service for a stored service. */
export function serviceOut(
  service: swarm.v1.Service.$Properties,
  options: { insertDefaults?: boolean; status?: ServiceStatus } = {},
): JsonOut {
  const spec = service.spec ?? {};
  const endpoint = service.endpoint;
  const update = service.updateStatus;
  const updateState = updateStates.format(update?.state);
  return {
    ID: service.id ?? "",
    ...metaOut(service.meta),
    Spec: serviceSpecOut(options.insertDefaults ? withServiceDefaults(spec) : spec),
    PreviousSpec: service.previousSpec ? serviceSpecOut(service.previousSpec) : undefined,
    Endpoint: {
      Spec: endpoint?.spec ? endpointSpecOut(endpoint.spec) : {},
      Ports: omitEmpty((endpoint?.ports ?? []).map(portOut)),
      VirtualIPs: omitEmpty(
        (endpoint?.virtualIps ?? []).map((v) => ({ NetworkID: omitEmpty(v.networkId), Addr: omitEmpty(v.addr) })),
      ),
    },
    UpdateStatus:
      update && updateState
        ? {
            State: updateState,
            StartedAt: isSetTime(update.startedAt) ? formatTime(update.startedAt) : undefined,
            CompletedAt: isSetTime(update.completedAt) ? formatTime(update.completedAt) : undefined,
            Message: omitEmpty(update.message),
          }
        : undefined,
    ServiceStatus: options.status,
    JobStatus:
      spec.replicatedJob || spec.globalJob
        ? {
            JobIteration: { Index: Number(service.jobStatus?.jobIteration?.index ?? 0) },
            LastExecution: formatTime(service.jobStatus?.lastExecution),
          }
        : undefined,
  };
}
