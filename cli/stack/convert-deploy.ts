// The `deploy` section of a service (and the service keys Docker reads with it: `restart`,
// `scale`, `ports`), turned into the mode, resources, restart policy, update and rollback
// settings, placement and endpoint of a ServiceSpec.
import { asText } from "./as-text.js";
import { swarm } from "../../proto/index.js";
import { isDict, stringMap, type ConvertContext, type Dict } from "./convert-context.js";
import type { PathStep } from "./stack-file-error.js";
import { parseBytes, parseDurationNs, parseInteger, parseNanoCpus, parseNumber } from "./units.js";

type Spec = swarm.v1.ServiceSpec.$Properties;
type TaskSpec = swarm.v1.TaskSpec.$Properties;

const deployKeys = new Set([
  "mode",
  "replicas",
  "labels",
  "resources",
  "restart_policy",
  "update_config",
  "rollback_config",
  "placement",
  "endpoint_mode",
]);
const updateKeys = new Set(["parallelism", "delay", "failure_action", "monitor", "max_failure_ratio", "order"]);
const restartKeys = new Set(["condition", "delay", "max_attempts", "window"]);
const placementKeys = new Set(["constraints", "preferences", "max_replicas_per_node"]);
const portKeys = new Set(["name", "mode", "target", "published", "protocol"]);

/** The service-level part of a spec the deploy section decides. */
export interface DeployParts {
  /** Service labels (deploy.labels). */
  readonly labels: Record<string, string>;
  /** Exactly one of the mode fields. */
  readonly mode: Pick<Spec, "replicated" | "global" | "replicatedJob" | "globalJob">;
  /** deploy.update_config. */
  readonly update?: swarm.v1.UpdateConfig.$Properties;
  /** deploy.rollback_config. */
  readonly rollback?: swarm.v1.UpdateConfig.$Properties;
  /** Ports and endpoint_mode. */
  readonly endpoint?: swarm.v1.EndpointSpec.$Properties;
  /** The task-level settings: resources, restart policy, placement. */
  readonly task: Pick<TaskSpec, "resources" | "restart" | "placement">;
  /** deploy.resources.limits.pids, a container setting in the API. */
  readonly pidsLimit?: number;
}

/** Converts `services.<name>.deploy` and its companions. */
export function convertDeploy(ctx: ConvertContext, service: Dict, path: readonly PathStep[]): DeployParts {
  const deploy = isDict(service.deploy) ? service.deploy : {};
  const at = [...path, "deploy"];
  ctx.warnUnknown(deploy, at, deployKeys);
  const resources = convertResources(ctx, deploy.resources, [...at, "resources"]);
  const restart =
    deploy.restart_policy !== undefined
      ? convertRestart(ctx, deploy.restart_policy, [...at, "restart_policy"])
      : restartFromService(ctx, service.restart, [...path, "restart"]);
  const placement = convertPlacement(ctx, deploy.placement, [...at, "placement"], service.platform, [
    ...path,
    "platform",
  ]);
  const update =
    deploy.update_config !== undefined
      ? convertUpdate(ctx, deploy.update_config, [...at, "update_config"], true)
      : undefined;
  const rollback =
    deploy.rollback_config !== undefined
      ? convertUpdate(ctx, deploy.rollback_config, [...at, "rollback_config"], false)
      : undefined;
  const endpoint = convertEndpoint(ctx, deploy, service.ports, path);
  return {
    labels: stringMap(deploy.labels),
    mode: convertMode(ctx, deploy, service.scale, path),
    ...(update ? { update } : {}),
    ...(rollback ? { rollback } : {}),
    ...(endpoint ? { endpoint } : {}),
    task: {
      ...(resources.resources ? { resources: resources.resources } : {}),
      ...(restart ? { restart } : {}),
      ...(placement ? { placement } : {}),
    },
    ...(resources.pidsLimit !== undefined ? { pidsLimit: resources.pidsLimit } : {}),
  };
}

function convertMode(
  ctx: ConvertContext,
  deploy: Dict,
  scale: unknown,
  path: readonly PathStep[],
): DeployParts["mode"] {
  const modePath = [...path, "deploy", "mode"];
  const mode = deploy.mode === undefined ? "replicated" : asText(deploy.mode);
  const replicasPath = deploy.replicas !== undefined ? [...path, "deploy", "replicas"] : [...path, "scale"];
  const raw = deploy.replicas ?? scale;
  const replicas = raw === undefined ? undefined : ctx.read(raw, replicasPath, (v) => parseInteger(v));
  switch (mode) {
    case "replicated":
      return { replicated: { replicas: replicas ?? 1 } };
    case "replicated-job":
      // As Docker: the job runs `replicas` completions, all of them at once.
      return { replicatedJob: { maxConcurrent: replicas ?? 1, totalCompletions: replicas ?? 1 } };
    case "global":
    case "global-job":
      if (replicas !== undefined) ctx.fail(replicasPath, `cannot be set in ${mode} mode`);
      return mode === "global" ? { global: {} } : { globalJob: {} };
    default:
      return ctx.fail(
        modePath,
        `must be one of "replicated", "global", "replicated-job", "global-job", got ${JSON.stringify(mode)}`,
      );
  }
}

function convertResources(
  ctx: ConvertContext,
  value: unknown,
  path: readonly PathStep[],
): { resources?: swarm.v1.ResourceRequirements.$Properties; pidsLimit?: number } {
  if (!isDict(value)) return {};
  ctx.warnUnknown(value, path, new Set(["limits", "reservations"]));
  const out: swarm.v1.ResourceRequirements.$Properties = {};
  let pidsLimit: number | undefined;
  for (const kind of ["limits", "reservations"] as const) {
    const section = value[kind];
    if (!isDict(section)) continue;
    const at = [...path, kind];
    ctx.warnUnknown(
      section,
      at,
      new Set(kind === "limits" ? ["cpus", "memory", "pids"] : ["cpus", "memory", "generic_resources"]),
    );
    const resources: swarm.v1.Resources.$Properties = {};
    if (section.cpus !== undefined) resources.nanoCpus = ctx.read(section.cpus, [...at, "cpus"], parseNanoCpus);
    if (section.memory !== undefined) resources.memoryBytes = ctx.read(section.memory, [...at, "memory"], parseBytes);
    if (kind === "limits" && section.pids !== undefined)
      pidsLimit = ctx.read(section.pids, [...at, "pids"], (v) => parseInteger(v, -1));
    if (Array.isArray(section.generic_resources)) {
      resources.generic = section.generic_resources.map((item, i) => {
        const spec = isDict(item) && isDict(item.discrete_resource_spec) ? item.discrete_resource_spec : {};
        const here = [...at, "generic_resources", i, "discrete_resource_spec"];
        if (spec.kind === undefined) ctx.fail(here, "kind is required");
        return {
          kind: asText(spec.kind),
          count: ctx.read(spec.value ?? 1, [...here, "value"], (v) => parseInteger(v, 1)),
        };
      });
    }
    if (Object.keys(resources).length > 0) out[kind] = resources;
  }
  return {
    ...(out.limits || out.reservations ? { resources: out } : {}),
    ...(pidsLimit !== undefined ? { pidsLimit } : {}),
  };
}

const conditions: Record<string, swarm.v1.RestartPolicy.Condition> = {
  none: swarm.v1.RestartPolicy.Condition.RESTART_CONDITION_NONE,
  "on-failure": swarm.v1.RestartPolicy.Condition.RESTART_CONDITION_ON_FAILURE,
  any: swarm.v1.RestartPolicy.Condition.RESTART_CONDITION_ANY,
};

function convertRestart(
  ctx: ConvertContext,
  value: unknown,
  path: readonly PathStep[],
): swarm.v1.RestartPolicy.$Properties | undefined {
  if (!isDict(value)) return undefined;
  ctx.warnUnknown(value, path, restartKeys);
  const policy: swarm.v1.RestartPolicy.$Properties = {};
  if (value.condition !== undefined) {
    const condition = conditions[asText(value.condition)];
    if (condition === undefined)
      ctx.fail(
        [...path, "condition"],
        `must be one of "none", "on-failure", "any", got ${JSON.stringify(value.condition)}`,
      );
    policy.condition = condition;
  }
  if (value.delay !== undefined) policy.delayNs = ctx.read(value.delay, [...path, "delay"], parseDurationNs);
  if (value.max_attempts !== undefined)
    policy.maxAttempts = ctx.read(value.max_attempts, [...path, "max_attempts"], (v) => parseInteger(v));
  if (value.window !== undefined) policy.windowNs = ctx.read(value.window, [...path, "window"], parseDurationNs);
  return policy;
}

/** Docker's reading of the service-level `restart` when deploy.restart_policy is absent. */
function restartFromService(
  ctx: ConvertContext,
  value: unknown,
  path: readonly PathStep[],
): swarm.v1.RestartPolicy.$Properties | undefined {
  if (value === undefined) return undefined;
  const text = asText(value);
  const C = swarm.v1.RestartPolicy.Condition;
  if (text === "no") return { condition: C.RESTART_CONDITION_NONE };
  if (text === "always" || text === "unless-stopped") return { condition: C.RESTART_CONDITION_ANY };
  const m = /^on-failure(?::(\d+))?$/.exec(text);
  if (m)
    return { condition: C.RESTART_CONDITION_ON_FAILURE, ...(m[1] !== undefined ? { maxAttempts: Number(m[1]) } : {}) };
  return ctx.fail(path, `must be "no", "always", "unless-stopped" or "on-failure[:N]", got ${JSON.stringify(text)}`);
}

function convertUpdate(
  ctx: ConvertContext,
  value: unknown,
  path: readonly PathStep[],
  isUpdate: boolean,
): swarm.v1.UpdateConfig.$Properties | undefined {
  if (!isDict(value)) return undefined;
  ctx.warnUnknown(value, path, updateKeys);
  const U = swarm.v1.UpdateConfig;
  // As Docker: a present section updates one task at a time unless it says otherwise.
  const config: swarm.v1.UpdateConfig.$Properties = {
    parallelism:
      value.parallelism === undefined
        ? 1
        : ctx.read(value.parallelism, [...path, "parallelism"], (v) => parseInteger(v)),
  };
  if (value.delay !== undefined) config.delayNs = ctx.read(value.delay, [...path, "delay"], parseDurationNs);
  if (value.monitor !== undefined) config.monitorNs = ctx.read(value.monitor, [...path, "monitor"], parseDurationNs);
  if (value.failure_action !== undefined) {
    const actions: Record<string, swarm.v1.UpdateConfig.FailureAction> = {
      pause: U.FailureAction.FAILURE_ACTION_PAUSE,
      continue: U.FailureAction.FAILURE_ACTION_CONTINUE,
    };
    if (isUpdate) actions.rollback = U.FailureAction.FAILURE_ACTION_ROLLBACK;
    const action = actions[asText(value.failure_action)];
    if (action === undefined)
      ctx.fail(
        [...path, "failure_action"],
        `must be one of ${Object.keys(actions)
          .map((a) => JSON.stringify(a))
          .join(", ")}`,
      );
    config.failureAction = action;
  }
  if (value.max_failure_ratio !== undefined) {
    const ratio = ctx.read(value.max_failure_ratio, [...path, "max_failure_ratio"], parseNumber);
    if (ratio < 0 || ratio > 1) ctx.fail([...path, "max_failure_ratio"], "must be between 0 and 1");
    config.maxFailureRatio = ratio;
  }
  if (value.order !== undefined)
    config.order = asText(value.order) === "start-first" ? U.Order.ORDER_START_FIRST : U.Order.ORDER_STOP_FIRST;
  return config;
}

function convertPlacement(
  ctx: ConvertContext,
  value: unknown,
  path: readonly PathStep[],
  platform: unknown,
  platformPath: readonly PathStep[],
): swarm.v1.Placement.$Properties | undefined {
  const placement: swarm.v1.Placement.$Properties = {};
  if (isDict(value)) {
    ctx.warnUnknown(value, path, placementKeys);
    if (Array.isArray(value.constraints)) placement.constraints = value.constraints.map(String);
    if (Array.isArray(value.preferences)) {
      placement.preferences = value.preferences.map((p, i) => {
        if (!isDict(p) || p.spread === undefined)
          return ctx.fail([...path, "preferences", i], "must be {spread: <node attribute>}");
        return { spreadDescriptor: asText(p.spread) };
      });
    }
    if (value.max_replicas_per_node !== undefined)
      placement.maxReplicas = ctx.read(value.max_replicas_per_node, [...path, "max_replicas_per_node"], (v) =>
        parseInteger(v),
      );
  }
  if (platform !== undefined) {
    const [os = "", architecture = ""] = asText(platform).split("/");
    if (os === "") ctx.fail(platformPath, `must be "os[/arch]", got ${JSON.stringify(platform)}`);
    placement.platforms = [{ os, architecture }];
  }
  return Object.keys(placement).length > 0 ? placement : undefined;
}

/**
 * Ports and deploy.endpoint_mode, plus our extensions (Compose passes `x-` keys through): the
 * routing mesh's balancing as `deploy.x-balancing: round-robin | least-connections`.
 */
function convertEndpoint(
  ctx: ConvertContext,
  deploy: Dict,
  ports: unknown,
  path: readonly PathStep[],
): swarm.v1.EndpointSpec.$Properties | undefined {
  const E = swarm.v1.EndpointSpec.ResolutionMode;
  const endpoint: swarm.v1.EndpointSpec.$Properties = {};
  const endpointMode = deploy.endpoint_mode;
  const balancing = deploy["x-balancing"];
  if (balancing !== undefined) {
    const name = asText(balancing);
    if (name !== "round-robin" && name !== "least-connections")
      ctx.fail(
        [...path, "deploy", "x-balancing"],
        `must be "round-robin" or "least-connections", got ${JSON.stringify(name)}`,
      );
    if (name === "least-connections") endpoint.balancing = swarm.v1.EndpointSpec.Balancing.BALANCING_LEAST_CONNECTIONS;
  }
  if (endpointMode !== undefined) {
    const mode = asText(endpointMode);
    if (mode !== "vip" && mode !== "dnsrr")
      ctx.fail([...path, "deploy", "endpoint_mode"], `must be "vip" or "dnsrr", got ${JSON.stringify(mode)}`);
    endpoint.mode = mode === "dnsrr" ? E.RESOLUTION_MODE_DNSRR : E.RESOLUTION_MODE_VIP;
  }
  if (Array.isArray(ports) && ports.length > 0)
    endpoint.ports = ports.map((p, i) => convertPort(ctx, p, [...path, "ports", i]));
  return Object.keys(endpoint).length > 0 ? endpoint : undefined;
}

function convertPort(ctx: ConvertContext, value: unknown, path: readonly PathStep[]): swarm.v1.PortConfig.$Properties {
  const port = isDict(value) ? value : {};
  ctx.warnUnknown(port, path, portKeys);
  const P = swarm.v1.PortConfig;
  if (port.target === undefined) ctx.fail(path, "target is required");
  const target = ctx.read(port.target, [...path, "target"], (v) => parseInteger(v, 1));
  const config: swarm.v1.PortConfig.$Properties = { targetPort: target };
  if (port.published !== undefined && port.published !== "")
    config.publishedPort = ctx.read(port.published, [...path, "published"], (v) => parseInteger(v));
  const protocol = asText(port.protocol ?? "tcp").toLowerCase();
  if (protocol !== "tcp" && protocol !== "udp")
    ctx.fail([...path, "protocol"], `must be "tcp" or "udp", got ${JSON.stringify(port.protocol)}`);
  if (protocol === "udp") config.protocol = P.Protocol.PROTOCOL_UDP;
  const mode = asText(port.mode ?? "ingress");
  if (mode !== "ingress" && mode !== "host")
    ctx.fail([...path, "mode"], `must be "ingress" or "host", got ${JSON.stringify(port.mode)}`);
  if (mode === "host") config.publishMode = P.PublishMode.PUBLISH_MODE_HOST;
  if (port.name !== undefined) config.name = asText(port.name);
  // Our extension: the PROXY protocol header the routing mesh sends to the task.
  const proxy = port["x-proxy-protocol"];
  if (proxy !== undefined) {
    const version = asText(proxy);
    if (version !== "v1" && version !== "v2" && version !== "none")
      ctx.fail([...path, "x-proxy-protocol"], `must be "v1", "v2" or "none", got ${JSON.stringify(proxy)}`);
    if (version !== "none")
      config.proxyProtocol = version === "v1" ? P.ProxyProtocol.PROXY_PROTOCOL_V1 : P.ProxyProtocol.PROXY_PROTOCOL_V2;
  }
  return config;
}
