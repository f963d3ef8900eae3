// Docker's ServiceSpec (the body of `POST /services/create` and `/services/{id}/update`) as
// swarm-ts's proto ServiceSpec. Version-dependent rules follow moby's router: clients below 1.44
// may put networks at the top level (folded into the task template) and know nothing of
// `StartInterval`. Unset durations that Docker defaults at use time (restart delay 5 s, update
// monitor 5 s) are stored as those defaults, since a proto number has no "unset".
import type { swarm } from "../../proto/index.js";
import { startIntervalSince, type ApiVersion } from "../api-version.js";
import { InvalidFieldError, UnsupportedFieldError } from "../http-error.js";
import { failureActions, portProtocols, publishModes, resolutionModes, updateOrders } from "./enums.js";
import type { JsonObject } from "./json-reader.js";
import { networkAttachmentsIn, taskSpecIn } from "./task-spec-in.js";

/** Docker's update monitor when a config leaves it unset (swarmkit's default), in nanoseconds. */
export const updateMonitorNsDefault = 5_000_000_000;

const nonNegative = { min: 0 };

/** Converts a ServiceSpec body sent by a client speaking `version`. */
export function serviceSpecIn(o: JsonObject, version: ApiVersion): swarm.v1.ServiceSpec.$Properties {
  const name = o.string("Name");
  if (!name) throw new InvalidFieldError(o.field("Name"), "is required");
  const templateJson = o.object("TaskTemplate");
  if (!templateJson) throw new InvalidFieldError(o.field("TaskTemplate"), "is required");
  const task = taskSpecIn(templateJson);
  if (version < startIntervalSince && task.container?.healthcheck) task.container.healthcheck.startIntervalNs = 0;
  // The top-level Networks field is deprecated: moby moves it into the task template (always for
  // clients below 1.44, and at 1.44 when the template has none).
  const topNetworks = networkAttachmentsIn(o, "Networks");
  if (topNetworks.length > 0) {
    if ((task.networks?.length ?? 0) > 0)
      throw new InvalidFieldError(o.field("Networks"), "give networks in TaskTemplate.Networks only");
    task.networks = topNetworks;
  }
  const spec: swarm.v1.ServiceSpec.$Properties = { annotations: { name, labels: o.stringMap("Labels") }, task };
  Object.assign(spec, modeIn(o.object("Mode"), o.field("Mode")));
  const update = o.object("UpdateConfig");
  if (update) spec.update = updateConfigIn(update);
  const rollback = o.object("RollbackConfig");
  if (rollback) spec.rollback = updateConfigIn(rollback);
  const endpoint = o.object("EndpointSpec");
  if (endpoint) spec.endpoint = endpointSpecIn(endpoint);
  o.finish();
  return spec;
}

/** The mode oneof: replicated (the default, 1 replica when unset), global, replicated-job or global-job. */
function modeIn(o: JsonObject | null, field: string): Partial<swarm.v1.ServiceSpec.$Properties> {
  if (!o) return { replicated: { replicas: 1 } };
  const modes = ["Replicated", "Global", "ReplicatedJob", "GlobalJob"].filter(
    (m) => o.raw(m) !== null && o.raw(m) !== undefined,
  );
  if (modes.length > 1) throw new InvalidFieldError(field, `sets ${modes.join(" and ")}; give one mode`);
  let mode: Partial<swarm.v1.ServiceSpec.$Properties>;
  switch (modes[0]) {
    case "Global":
      o.object("Global")?.finish();
      mode = { global: {} };
      break;
    case "ReplicatedJob": {
      const job = o.object("ReplicatedJob")!;
      const maxConcurrent = job.intOrNull("MaxConcurrent", nonNegative) ?? 1;
      const totalCompletions = job.intOrNull("TotalCompletions", nonNegative) ?? maxConcurrent;
      job.finish();
      mode = { replicatedJob: { maxConcurrent, totalCompletions } };
      break;
    }
    case "GlobalJob":
      o.object("GlobalJob")?.finish();
      mode = { globalJob: {} };
      break;
    default: {
      // `service create` without --replicas sends an empty Replicated: one replica, as Docker.
      const replicated = o.object("Replicated");
      const replicas = replicated?.intOrNull("Replicas", nonNegative) ?? 1;
      replicated?.finish();
      mode = { replicated: { replicas } };
    }
  }
  o.finish();
  return mode;
}

function updateConfigIn(o: JsonObject): swarm.v1.UpdateConfig.$Properties {
  const ratio = o.number("MaxFailureRatio");
  if (ratio < 0 || ratio > 1) throw new InvalidFieldError(o.field("MaxFailureRatio"), "must be between 0 and 1");
  const config = {
    parallelism: o.int("Parallelism", nonNegative),
    delayNs: o.int("Delay", nonNegative),
    failureAction: failureActions.parse(o.field("FailureAction"), o.string("FailureAction")),
    monitorNs: o.int("Monitor", nonNegative) || updateMonitorNsDefault,
    maxFailureRatio: ratio,
    order: updateOrders.parse(o.field("Order"), o.string("Order")),
  };
  o.finish();
  return config;
}

function endpointSpecIn(o: JsonObject): swarm.v1.EndpointSpec.$Properties {
  const spec: swarm.v1.EndpointSpec.$Properties = {
    mode: resolutionModes.parse(o.field("Mode"), o.string("Mode")),
    ports: o.objects("Ports").map((p) => {
      const protocol = p.string("Protocol");
      if (protocol === "sctp") throw new UnsupportedFieldError(p.field("Protocol"), "sctp ports");
      const port = {
        name: p.string("Name"),
        protocol: portProtocols.parse(p.field("Protocol"), protocol),
        targetPort: p.int("TargetPort", { min: 0, max: 65_535 }),
        publishedPort: p.int("PublishedPort", { min: 0, max: 65_535 }),
        publishMode: publishModes.parse(p.field("PublishMode"), p.string("PublishMode")),
      };
      p.finish();
      return port;
    }),
  };
  o.finish();
  return spec;
}

/**
 * Carries swarm-ts's own settings, which Docker's JSON cannot express, from the stored spec into an
 * update: the routing mesh's balancing and each port's PROXY protocol (matched by target,
 * protocol and published port). A Docker client's read-modify-write thus keeps them.
 */
export function keepSwarmExtras(
  next: swarm.v1.ServiceSpec.$Properties,
  stored: swarm.v1.ServiceSpec.$Properties | null | undefined,
): swarm.v1.ServiceSpec.$Properties {
  const before = stored?.endpoint;
  if (!before || !next.endpoint) return next;
  const samePort = (a: swarm.v1.PortConfig.$Properties, b: swarm.v1.PortConfig.$Properties): boolean =>
    (a.targetPort ?? 0) === (b.targetPort ?? 0) &&
    Number(a.protocol ?? 0) === Number(b.protocol ?? 0) &&
    (a.publishedPort ?? 0) === (b.publishedPort ?? 0);
  return {
    ...next,
    endpoint: {
      ...next.endpoint,
      ...(before.balancing ? { balancing: before.balancing } : {}),
      ports: (next.endpoint.ports ?? []).map((port) => {
        const proxy = (before.ports ?? []).find((old) => samePort(old, port))?.proxyProtocol;
        return proxy ? { ...port, proxyProtocol: proxy } : port;
      }),
    },
  };
}
