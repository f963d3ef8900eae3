// Docker's lower-case enum strings and swarm-ts's proto enums, in both directions. Docker writes
// swarmkit's state names lower-cased ("running", "rollback_started"); swarm-ts's names are the
// same words with a prefix, so only names cross the API, never numbers (swarm-ts numbers some
// states differently from swarmkit).
import { swarm } from "../../proto/index.js";
import { InvalidFieldError } from "../http-error.js";

/** A two-way table between Docker strings and proto enum numbers. */
export class EnumTable {
  private readonly toProto = new Map<string, number>();
  private readonly toDocker = new Map<number, string>();

  constructor(
    /** What the values are, for messages. */
    private readonly what: string,
    pairs: readonly (readonly [string, number])[],
    /** The proto value an empty string stands for. */
    private readonly emptyMeans: number,
  ) {
    for (const [docker, proto] of pairs) {
      this.toProto.set(docker, proto);
      if (!this.toDocker.has(proto)) this.toDocker.set(proto, docker);
    }
  }

  /** The proto value of a Docker string ("" → the default); 400 naming `field` for others. */
  parse(field: string, text: string): number {
    if (text === "") return this.emptyMeans;
    const value = this.toProto.get(text);
    if (value === undefined)
      throw new InvalidFieldError(field, `"${text}" is not a ${this.what} (${[...this.toProto.keys()].join(", ")})`);
    return value;
  }

  /** The Docker string of a proto value ("" for values it does not know). */
  format(value: number | null | undefined): string {
    return this.toDocker.get(Number(value ?? this.emptyMeans)) ?? "";
  }
}

const Condition = swarm.v1.RestartPolicy.Condition;
const FailureAction = swarm.v1.UpdateConfig.FailureAction;
const Order = swarm.v1.UpdateConfig.Order;
const Protocol = swarm.v1.PortConfig.Protocol;
const PublishMode = swarm.v1.PortConfig.PublishMode;
const ResolutionMode = swarm.v1.EndpointSpec.ResolutionMode;
const MountType = swarm.v1.Mount.Type;
const Role = swarm.v1.NodeSpec.Role;
const Availability = swarm.v1.NodeSpec.Availability;
const NodeState = swarm.v1.NodeStatus.State;
const Reachability = swarm.v1.ManagerStatus.Reachability;
const UpdateState = swarm.v1.UpdateStatus.State;
const TaskState = swarm.v1.TaskState;

/** RestartPolicy.Condition. */
export const restartConditions = new EnumTable(
  "restart condition",
  [
    ["any", Condition.RESTART_CONDITION_ANY],
    ["on-failure", Condition.RESTART_CONDITION_ON_FAILURE],
    ["none", Condition.RESTART_CONDITION_NONE],
  ],
  Condition.RESTART_CONDITION_ANY,
);

/** UpdateConfig.FailureAction. */
export const failureActions = new EnumTable(
  "failure action",
  [
    ["pause", FailureAction.FAILURE_ACTION_PAUSE],
    ["continue", FailureAction.FAILURE_ACTION_CONTINUE],
    ["rollback", FailureAction.FAILURE_ACTION_ROLLBACK],
  ],
  FailureAction.FAILURE_ACTION_PAUSE,
);

/** UpdateConfig.Order. */
export const updateOrders = new EnumTable(
  "update order",
  [
    ["stop-first", Order.ORDER_STOP_FIRST],
    ["start-first", Order.ORDER_START_FIRST],
  ],
  Order.ORDER_STOP_FIRST,
);

/** PortConfig.Protocol (sctp has no proto value: refused by the converter). */
export const portProtocols = new EnumTable(
  "protocol",
  [
    ["tcp", Protocol.PROTOCOL_TCP],
    ["udp", Protocol.PROTOCOL_UDP],
  ],
  Protocol.PROTOCOL_TCP,
);

/** PortConfig.PublishMode. */
export const publishModes = new EnumTable(
  "publish mode",
  [
    ["ingress", PublishMode.PUBLISH_MODE_INGRESS],
    ["host", PublishMode.PUBLISH_MODE_HOST],
  ],
  PublishMode.PUBLISH_MODE_INGRESS,
);

/** EndpointSpec.Mode. */
export const resolutionModes = new EnumTable(
  "resolution mode",
  [
    ["vip", ResolutionMode.RESOLUTION_MODE_VIP],
    ["dnsrr", ResolutionMode.RESOLUTION_MODE_DNSRR],
  ],
  ResolutionMode.RESOLUTION_MODE_VIP,
);

/** Mount.Type (npipe, cluster and image are refused by the converter). */
export const mountTypes = new EnumTable(
  "mount type",
  [
    ["bind", MountType.TYPE_BIND],
    ["volume", MountType.TYPE_VOLUME],
    ["tmpfs", MountType.TYPE_TMPFS],
  ],
  MountType.TYPE_BIND,
);

/** ContainerSpec.Isolation ("" is the default, as Docker's CLI leaves it). */
export const isolations = new EnumTable(
  "container isolation",
  [
    ["default", swarm.v1.ContainerSpec.Isolation.ISOLATION_DEFAULT],
    ["process", swarm.v1.ContainerSpec.Isolation.ISOLATION_PROCESS],
    ["hyperv", swarm.v1.ContainerSpec.Isolation.ISOLATION_HYPERV],
  ],
  swarm.v1.ContainerSpec.Isolation.ISOLATION_DEFAULT,
);

/** NodeSpec.Role. */
export const nodeRoles = new EnumTable(
  "node role",
  [
    ["worker", Role.ROLE_WORKER],
    ["manager", Role.ROLE_MANAGER],
  ],
  Role.ROLE_WORKER,
);

/** NodeSpec.Availability. */
export const nodeAvailabilities = new EnumTable(
  "availability",
  [
    ["active", Availability.AVAILABILITY_ACTIVE],
    ["pause", Availability.AVAILABILITY_PAUSE],
    ["drain", Availability.AVAILABILITY_DRAIN],
  ],
  Availability.AVAILABILITY_ACTIVE,
);

/** NodeStatus.State. */
export const nodeStates = new EnumTable(
  "node state",
  [
    ["unknown", NodeState.STATE_UNKNOWN],
    ["down", NodeState.STATE_DOWN],
    ["ready", NodeState.STATE_READY],
    ["disconnected", NodeState.STATE_DISCONNECTED],
  ],
  NodeState.STATE_UNKNOWN,
);

/** ManagerStatus.Reachability. */
export const reachabilities = new EnumTable(
  "reachability",
  [
    ["unknown", Reachability.REACHABILITY_UNKNOWN],
    ["unreachable", Reachability.REACHABILITY_UNREACHABLE],
    ["reachable", Reachability.REACHABILITY_REACHABLE],
  ],
  Reachability.REACHABILITY_UNKNOWN,
);

/** UpdateStatus.State ("" for UNKNOWN: no update has run). */
export const updateStates = new EnumTable(
  "update state",
  [
    ["", UpdateState.UPDATE_STATE_UNKNOWN],
    ["updating", UpdateState.UPDATE_STATE_UPDATING],
    ["paused", UpdateState.UPDATE_STATE_PAUSED],
    ["completed", UpdateState.UPDATE_STATE_COMPLETED],
    ["rollback_started", UpdateState.UPDATE_STATE_ROLLBACK_STARTED],
    ["rollback_paused", UpdateState.UPDATE_STATE_ROLLBACK_PAUSED],
    ["rollback_completed", UpdateState.UPDATE_STATE_ROLLBACK_COMPLETED],
  ],
  UpdateState.UPDATE_STATE_UNKNOWN,
);

/** TaskState, as Docker names task states (swarm-ts has no "allocated"). */
export const taskStates = new EnumTable(
  "task state",
  [
    ["new", TaskState.TASK_STATE_NEW],
    ["pending", TaskState.TASK_STATE_PENDING],
    ["assigned", TaskState.TASK_STATE_ASSIGNED],
    ["accepted", TaskState.TASK_STATE_ACCEPTED],
    ["preparing", TaskState.TASK_STATE_PREPARING],
    ["ready", TaskState.TASK_STATE_READY],
    ["starting", TaskState.TASK_STATE_STARTING],
    ["running", TaskState.TASK_STATE_RUNNING],
    ["complete", TaskState.TASK_STATE_COMPLETE],
    ["shutdown", TaskState.TASK_STATE_SHUTDOWN],
    ["failed", TaskState.TASK_STATE_FAILED],
    ["rejected", TaskState.TASK_STATE_REJECTED],
    ["orphaned", TaskState.TASK_STATE_ORPHANED],
    ["remove", TaskState.TASK_STATE_REMOVE],
  ],
  TaskState.TASK_STATE_NEW,
);

/** ExternalCa.Protocol. Docker's CLI writes "cfssl"; Docker's daemon matches it case-insensitively. */
export const externalCaProtocols = new EnumTable(
  "external CA protocol",
  [
    ["cfssl", swarm.v1.ExternalCa.Protocol.PROTOCOL_CFSSL],
    ["CFSSL", swarm.v1.ExternalCa.Protocol.PROTOCOL_CFSSL],
  ],
  swarm.v1.ExternalCa.Protocol.PROTOCOL_CFSSL,
);
