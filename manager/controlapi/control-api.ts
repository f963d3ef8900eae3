// The Control API (proto `Control`): operators' reads and writes of services, tasks, nodes,
// secrets and configs. Writes validate every field first and go through one store transaction,
// so a rejected call changes nothing. Secret data is accepted but never returned.
import {
  type Clock,
  InvalidArgumentError,
  randomId,
  realClock,
  serviceWithoutRegistryAuth,
  SwarmError,
  taskWithoutRegistryAuth,
  timestampFromMs,
} from "../../common/index.js";
import type * as grpc from "@grpc/grpc-js";
import { type ControlMethod as UnaryControlMethod, type ControlServer, swarm } from "../../proto/index.js";
import {
  allocateEndpoint,
  allocateNetworkResources,
  dynamicPortRangeOf,
  keptVirtualIps,
  type PortTable,
  portTableOf,
} from "../allocator/index.js";
import { parseConstraint, parseSpreadDescriptor } from "../planner/index.js";
import type { MemoryStore, ObjectsByKind, ReadTx } from "../store/index.js";
import { type CaChangeHook, clusterMethods } from "./cluster-methods.js";
import { matchesFilters } from "./filters.js";
import { removeNodeObject, updateNodeSpec } from "./node-methods.js";
import type { QuorumView } from "../membership/index.js";
import { FailedPreconditionError, requireVersion, resolve } from "./resolve.js";
import { type ForwardFn, unary } from "./grpc-errors.js";
import { modeOf, type PlacementChecks } from "./validate.js";
import { checkNetworkAgainstCluster, networkUsers, resolveServiceNetworks } from "./validate-network.js";
import { controlRequestValidators } from "./validate-requests.js";
import { ImagePinner, type ImageResolver } from "./pin-image.js";

/** Options of the Control API. */
export interface ControlApiOptions {
  /** The manager's store. */
  readonly store: MemoryStore;
  /** Sends writes to the leader when this manager is a follower (absent: followers answer UNAVAILABLE). */
  readonly forward?: ForwardFn;
  /**
   * Where reads must be served: null when this manager leads (serve locally), else the leader's
   * address ("" while none is known). Absent: serve reads locally (single-manager tests).
   */
  readonly leaderForReads?: () => string | null;
  /**
   * Why this manager must refuse writes even as a follower that could forward them (its raft
   * storage failed, e.g. a full disk), or null. Writes then fail with that error, so the broken
   * manager is noticed rather than hidden behind the leader.
   */
  readonly writeRefusal?: () => Error | null;
  /**
   * Resolves when this follower may serve a read from its own store and still be linearizable (a
   * ReadIndex round with the leader: see RaftNode.readBarrier); rejects when it cannot tell in
   * time. Absent: a follower forwards reads to the leader.
   */
  readonly readBarrier?: () => Promise<void>;
  /**
   * Resolves once a leader is known or a bounded wait is over (see LeaderWait): a write that
   * reaches a manager during an election is held until the election ends, then forwarded or
   * served, so clients see no error across a normal failover. Absent: such writes fail at once.
   */
  readonly awaitLeader?: () => Promise<void>;
  /** Placement syntax checks (default: the scheduler's parsers). */
  readonly placementChecks?: PlacementChecks;
  /**
   * This manager's node id, sent with every answer as the trailer `swarm-node-id` (also on calls it
   * forwarded), so a client on a unix socket knows which node it talks to: `node ls` marks it "*",
   * as Docker's does from `docker info`.
   */
  readonly nodeId?: string;
  /** Asks registries for image digests when a create or update asks to pin (default: the registry client). */
  readonly imageResolver?: ImageResolver;
  /** Time of job executions (default: the real clock). */
  readonly clock?: Clock;
  /** New object ids (default: randomId). */
  readonly newId?: () => string;
  /** What a cluster update does to the CA (manager/ca's root rotation); absent, nothing. */
  readonly caChange?: CaChangeHook;
  /**
   * The leader's view of raft for the quorum guard of demotions (voters, and the members it can
   * reach), or null on a follower. Absent: only the last manager's demotion is refused.
   */
  readonly raftQuorum?: () => QuorumView | null;
}

/**
 * Serves a read here when this manager leads; otherwise fails with NOT_LEADER so unary() forwards
 * it to the leader. With no leader at all (the quorum is lost) the read is served from this
 * manager's own store: possibly behind, but operators can still see the cluster while they repair it.
 */
function readOnLeader(route: () => string | null, serve: () => Promise<unknown>): Promise<unknown> {
  const leaderAddr = route();
  if (leaderAddr === null || leaderAddr === "") return serve();
  return Promise.reject(
    new SwarmError("NOT_LEADER", `not the leader; the leader is at ${leaderAddr}`, { context: { leaderAddr } }),
  );
}

/**
 * The tasks ListTasks needs to look at: those of the named services or nodes through the store's
 * indexes, all of them otherwise, in id order either way. A client that watches its services
 * (`service ps`, a deploy waiting for its tasks) asks one service at a time; reading every task of
 * the cluster for each of them made the leader scan 100,000 tasks per call.
 */
function candidateTasks(
  tx: ReadTx,
  filters: swarm.v1.ListTasksRequest.IFilters | null | undefined,
): ObjectsByKind["task"][] {
  const serviceIds = filters?.serviceIds ?? [];
  const nodeIds = filters?.nodeIds ?? [];
  if (serviceIds.length === 0 && nodeIds.length === 0) return tx.all("task");
  const byId = new Map<string, ObjectsByKind["task"]>();
  // The narrower list of the two: every task returned must match both anyway (the filter after).
  const useServices = serviceIds.length > 0 && (nodeIds.length === 0 || serviceIds.length <= nodeIds.length);
  for (const id of new Set(useServices ? serviceIds : nodeIds))
    for (const task of tx.tasks(useServices ? { serviceId: id } : { nodeId: id })) byId.set(task.id ?? "", task);
  return [...byId.values()].sort((a, b) => ((a.id ?? "") < (b.id ?? "") ? -1 : 1));
}

/** Secrets as the API shows them: without their data. */
function redact(secret: ObjectsByKind["secret"]): ObjectsByKind["secret"] {
  return { ...secret, spec: { ...secret.spec, data: new Uint8Array(0) } };
}

/** Builds the Control service handlers over a store. */
export function createControlApi(options: ControlApiOptions): Partial<ControlServer> {
  const handlers: Record<string, grpc.UntypedHandleCall> = {};
  const validators = controlRequestValidators(placementChecksOf(options));
  for (const [name, handler] of Object.entries({
    ...controlMethods(options),
    ...clusterMethods(options.store, options.caChange),
  })) {
    // The handler objects are keyed by the names of Control's unary methods (their types say so).
    const method = name as UnaryControlMethod;
    const validate = validators[method] as (request: unknown) => void;
    // Every field is checked before anything else, here, on whichever manager the call reached.
    const serve = (request: unknown): Promise<unknown> => {
      validate(request);
      return (handler as (request: unknown) => Promise<unknown>)(request);
    };
    const route = options.leaderForReads;
    const forward = options.forward;
    let routed = serve;
    if (route && forward) {
      // A follower that knows the leader sends writes there at once: only the leader proposes
      // (running the handler here would validate and encode only to fail at the proposal). Reads
      // are served here once the leader has named a read point and this store has applied it
      // (etcd's ReadIndex), so a client never reads older state than it wrote, whichever manager
      // it asks; without that (no barrier given, or no answer in time) they go to the leader too.
      // With no leader known, reads are served here; writes wait (bounded) for the election to
      // end, then go to the new leader, or fail with the quorum error when none was elected.
      const isRead = /^(get|list)/.test(method);
      const barrier = options.readBarrier;
      const awaitLeader = options.awaitLeader;
      const toLeader = (request: unknown): Promise<unknown> => {
        const leaderAddr = route();
        return leaderAddr ? forward(method, request, leaderAddr) : serve(request);
      };
      routed = async (request: unknown) => {
        validate(request);
        const refusal = isRead ? null : (options.writeRefusal?.() ?? null);
        if (refusal) throw refusal;
        if (!isRead && route() === "" && awaitLeader) await awaitLeader();
        if (!route()) return serve(request);
        if (isRead && barrier)
          return barrier().then(
            () => serve(request),
            () => toLeader(request),
          );
        return toLeader(request);
      };
    } else if (route && /^(get|list)/.test(method))
      routed = (request: unknown) => readOnLeader(route, () => serve(request));
    // A write that finds leadership lost mid-call still fails with NOT_LEADER, and unary() forwards it.
    handlers[method] = unary(routed, method, forward, options.nodeId);
  }
  return handlers as Partial<ControlServer>;
}

/** The placement checks of the options, by default the planner's parsers. */
function placementChecksOf(options: ControlApiOptions): PlacementChecks {
  return (
    options.placementChecks ?? {
      constraintCheck: (text, field) => void parseConstraint(text, { field }),
      spreadCheck: (text, field) => void parseSpreadDescriptor(text, { field }),
    }
  );
}

/** The Control methods as plain async functions of their request, which controlRequestValidators has checked. */
function controlMethods(options: ControlApiOptions): Record<string, (request: never) => Promise<unknown>> {
  const { store } = options;
  const clock = options.clock ?? realClock;
  const newId = options.newId ?? randomId;
  /** Now as a protobuf timestamp. */
  const nowTimestamp = (): { seconds: number; nanos: number } => timestampFromMs(clock.now());
  const pinner = new ImagePinner(options.imageResolver);
  // Registry credentials are kept in the store for the nodes' pulls; no answer ever carries them.
  const shownService = (id: string): ObjectsByKind["service"] =>
    serviceWithoutRegistryAuth(store.view((tx) => tx.get("service", id))!);
  const servicesUsing = (tx: ReadTx, kind: "secret" | "config", id: string): string[] =>
    tx
      .all("service")
      .filter((s) => {
        const c = s.spec?.task?.container;
        return kind === "secret"
          ? (c?.secrets ?? []).some((r) => r.secretId === id)
          : (c?.configs ?? []).some((r) => r.configId === id);
      })
      .map((s) => s.spec?.annotations?.name ?? s.id ?? "");
  const checkReferences = (tx: ReadTx, spec: swarm.v1.ServiceSpec.$Properties): void => {
    for (const [i, ref] of (spec.task?.container?.secrets ?? []).entries()) {
      if (!ref.secretId || !tx.get("secret", ref.secretId))
        throw new InvalidArgumentError(
          `spec.task.container.secrets[${i}].secretId`,
          `secret ${ref.secretId ?? ""} not found`,
        );
    }
    for (const [i, ref] of (spec.task?.container?.configs ?? []).entries()) {
      if (!ref.configId || !tx.get("config", ref.configId))
        throw new InvalidArgumentError(
          `spec.task.container.configs[${i}].configId`,
          `config ${ref.configId ?? ""} not found`,
        );
    }
  };
  // Network creates run one after another: each allocates a subnet and a VXLAN id from what the
  // store holds, and two in the same raft batch would otherwise pick the same ones.
  let networkCreates: Promise<unknown> = Promise.resolve();
  const oneNetworkCreateAtATime = <T>(create: () => Promise<T>): Promise<T> => {
    const run = networkCreates.then(create, create);
    networkCreates = run.catch(() => undefined);
    return run;
  };
  // Secrets and configs share their rules: data is immutable, only labels change, and an object a
  // service references cannot be removed.
  const updateLabels = async (
    kind: "secret" | "config",
    ref: string,
    field: string,
    version: number,
    spec: { annotations?: swarm.v1.Annotations.$Properties | null; data?: Uint8Array | null } | null | undefined,
  ): Promise<string> => {
    let id = "";
    await store.update((tx) => {
      const current = resolve(tx, kind, ref, field);
      id = current.id ?? "";
      if (spec?.annotations?.name && spec.annotations.name !== current.spec?.annotations?.name) {
        throw new InvalidArgumentError("spec.annotations.name", `a ${kind} cannot be renamed`);
      }
      const data = spec?.data ?? new Uint8Array(0);
      if (data.length > 0 && Buffer.compare(Buffer.from(data), Buffer.from(current.spec?.data ?? [])) !== 0) {
        throw new InvalidArgumentError("spec.data", `${kind} data cannot change; create a new ${kind}`);
      }
      tx.update(kind, {
        ...current,
        meta: { ...current.meta, version: { index: version } },
        spec: {
          ...current.spec,
          annotations: { ...current.spec?.annotations, labels: spec?.annotations?.labels ?? {} },
        },
      });
    });
    return id;
  };
  const removeUnused = async (kind: "secret" | "config", ref: string, field: string): Promise<void> => {
    await store.update((tx) => {
      const object = resolve(tx, kind, ref, field);
      const users = servicesUsing(tx, kind, object.id ?? "");
      if (users.length)
        throw new FailedPreconditionError(
          `${kind} ${object.spec?.annotations?.name ?? ""} is in use by service ${users.join(", ")}`,
          { users },
        );
      tx.remove(kind, object.id ?? "");
    });
  };
  const withDefaultMode = (spec: swarm.v1.ServiceSpec.$Properties): swarm.v1.ServiceSpec.$Properties =>
    spec.replicated || spec.global || spec.replicatedJob || spec.globalJob
      ? spec
      : { ...spec, replicated: { replicas: 1 } };

  return {
    // ---- services ----
    createService: async (req: swarm.v1.CreateServiceRequest) => {
      const id = newId();
      const { spec: asked, warnings } = req.queryRegistry
        ? await pinner.pin(req.spec)
        : { spec: req.spec, warnings: [] };
      await store.update((tx) => {
        // Networks named by name are stored by id, as Docker stores them.
        const spec = resolveServiceNetworks(tx, withDefaultMode(asked));
        checkReferences(tx, spec);
        // Published ports are cluster-wide: allocate them in the same transaction, so a clash is refused at once.
        const endpoint = allocateEndpoint(id, spec.endpoint, null, portTableFor(tx, spec), dynamicRangeIn(tx));
        const jobStatus =
          spec.replicatedJob || spec.globalJob
            ? { jobStatus: { jobIteration: { index: 0 }, lastExecution: nowTimestamp() } }
            : {};
        tx.create("service", { id, spec, endpoint, ...jobStatus });
      });
      return { service: shownService(id), warnings };
    },
    getService: (req: swarm.v1.GetServiceRequest) =>
      Promise.resolve({
        service: serviceWithoutRegistryAuth(store.view((tx) => resolve(tx, "service", req.serviceId, "serviceId"))),
      }),
    listServices: (req: swarm.v1.ListServicesRequest) => {
      const f = req.filters;
      const services = store
        .view((tx) => tx.all("service"))
        .filter((s) => matchesFilters(f, s.id ?? "", s.spec?.annotations?.name ?? "", s.spec?.annotations?.labels))
        .filter((s) => !f?.modes?.length || f.modes.includes(modeOf(s.spec ?? {})))
        .sort((a, b) => (a.spec?.annotations?.name ?? "").localeCompare(b.spec?.annotations?.name ?? ""))
        .map(serviceWithoutRegistryAuth);
      return Promise.resolve({ services });
    },
    updateService: async (req: swarm.v1.UpdateServiceRequest) => {
      const version = requireVersion("serviceVersion.index", req.serviceVersion);
      const rollback = req.rollback === swarm.v1.UpdateServiceRequest.Rollback.ROLLBACK_PREVIOUS;
      let id = "";
      let asked: swarm.v1.ServiceSpec.$Properties = req.spec;
      let warnings: string[] = [];
      if (!rollback) {
        // As Docker's registryAuthFrom=spec: a new spec without credentials keeps the ones stored,
        // since no client can send back what the API never shows.
        const stored = store.view((tx) => resolve(tx, "service", req.serviceId, "serviceId")).spec?.task?.container;
        const container = asked.task?.container;
        if (container && !container.pullOptions?.registryAuth && stored?.pullOptions?.registryAuth)
          asked = { ...asked, task: { ...asked.task, container: { ...container, pullOptions: stored.pullOptions } } };
        if (req.queryRegistry) ({ spec: asked, warnings } = await pinner.pin(asked));
      }
      await store.update((tx) => {
        const current = resolve(tx, "service", req.serviceId, "serviceId");
        id = current.id ?? "";
        let spec: swarm.v1.ServiceSpec.$Properties;
        if (rollback) {
          if (!current.previousSpec)
            throw new FailedPreconditionError(`service ${id} has no previous spec to roll back to`, { id });
          spec = resolveServiceNetworks(tx, current.previousSpec);
        } else {
          spec = withDefaultMode(asked);
          if (spec.annotations?.name !== current.spec?.annotations?.name)
            throw new InvalidArgumentError("spec.annotations.name", "a service cannot be renamed");
          if (modeOf(spec) !== modeOf(current.spec ?? {}))
            throw new InvalidArgumentError(
              "spec.mode",
              `cannot change from ${modeOf(current.spec ?? {})} to ${modeOf(spec)}`,
            );
          spec = resolveServiceNetworks(tx, spec);
          checkReferences(tx, spec);
        }
        // VIPs of networks the service stays on are kept; the allocator gives new ones.
        const virtualIps = keptVirtualIps(tx, current.endpoint, spec);
        const endpoint = {
          ...allocateEndpoint(id, spec.endpoint, current.endpoint, portTableFor(tx, spec), dynamicRangeIn(tx)),
          ...(virtualIps.length > 0 ? { virtualIps } : {}),
        };
        // The store checks this version against the stored one (optimistic concurrency).
        // As Docker: a new spec clears the last update's status (a paused update resumes with the
        // new spec); a rollback swaps the specs and is reported as a rollback in progress.
        const { updateStatus: _previousStatus, ...rest } = current;
        tx.update("service", {
          ...rest,
          endpoint,
          meta: { ...current.meta, version: { index: version } },
          spec,
          ...(current.spec ? { previousSpec: current.spec } : {}),
          // Updating a job runs it again: its tasks belong to a new iteration.
          ...(spec.replicatedJob || spec.globalJob
            ? {
                jobStatus: {
                  jobIteration: { index: (current.jobStatus?.jobIteration?.index ?? 0) + 1 },
                  lastExecution: nowTimestamp(),
                },
              }
            : {}),
          // A job has no rolling update (no updater would ever mark this status done): its rollback
          // is a run of the previous spec, reported through the new iteration alone.
          ...(rollback && !(spec.replicatedJob || spec.globalJob)
            ? {
                updateStatus: {
                  state: swarm.v1.UpdateStatus.State.UPDATE_STATE_ROLLBACK_STARTED,
                  message: "manually requested rollback",
                  startedAt: nowTimestamp(),
                },
              }
            : {}),
        });
      });
      return { service: shownService(id), warnings };
    },
    removeService: async (req: swarm.v1.RemoveServiceRequest) => {
      await store.update((tx) => tx.remove("service", resolve(tx, "service", req.serviceId, "serviceId").id ?? ""));
      return {};
    },

    // ---- tasks ----
    getTask: (req: swarm.v1.GetTaskRequest) =>
      Promise.resolve({ task: taskWithoutRegistryAuth(store.view((tx) => resolve(tx, "task", req.taskId, "taskId"))) }),
    listTasks: (req: swarm.v1.ListTasksRequest) => {
      const f = req.filters;
      const tasks = store
        .view((tx) => candidateTasks(tx, f))
        .filter((t) => {
          if (!matchesFilters(f, t.id ?? "", t.annotations?.name ?? "", t.annotations?.labels)) return false;
          if (f?.serviceIds?.length && !f.serviceIds.includes(t.serviceId ?? "")) return false;
          if (f?.nodeIds?.length && !f.nodeIds.includes(t.nodeId ?? "")) return false;
          if (f?.desiredStates?.length && !f.desiredStates.includes(t.desiredState ?? 0)) return false;
          if (f?.states?.length && !f.states.includes(t.status?.state ?? 0)) return false;
          if (f?.slots?.length && !f.slots.includes(t.slot ?? 0)) return false;
          if (f?.upOnly && (t.desiredState ?? 0) > swarm.v1.TaskState.TASK_STATE_RUNNING) return false;
          return true;
        })
        .map(taskWithoutRegistryAuth);
      return Promise.resolve({ tasks });
    },

    // ---- secrets ----
    createSecret: async (req: swarm.v1.CreateSecretRequest) => {
      const id = newId();
      await store.update((tx) => tx.create("secret", { id, spec: req.spec }));
      return { secret: redact(store.view((tx) => tx.get("secret", id))!) };
    },
    getSecret: (req: swarm.v1.GetSecretRequest) =>
      Promise.resolve({ secret: redact(store.view((tx) => resolve(tx, "secret", req.secretId, "secretId"))) }),
    listSecrets: (req: swarm.v1.ListSecretsRequest) =>
      Promise.resolve({
        secrets: store
          .view((tx) => tx.all("secret"))
          .filter((s) =>
            matchesFilters(req.filters, s.id ?? "", s.spec?.annotations?.name ?? "", s.spec?.annotations?.labels),
          )
          .map(redact),
      }),
    updateSecret: async (req: swarm.v1.UpdateSecretRequest) => {
      const id = await updateLabels(
        "secret",
        req.secretId,
        "secretId",
        requireVersion("secretVersion.index", req.secretVersion),
        req.spec,
      );
      return { secret: redact(store.view((tx) => tx.get("secret", id))!) };
    },
    removeSecret: async (req: swarm.v1.RemoveSecretRequest) => {
      await removeUnused("secret", req.secretId, "secretId");
      return {};
    },

    // ---- configs ----
    createConfig: async (req: swarm.v1.CreateConfigRequest) => {
      const id = newId();
      await store.update((tx) => tx.create("config", { id, spec: req.spec }));
      return { config: store.view((tx) => tx.get("config", id))! };
    },
    getConfig: (req: swarm.v1.GetConfigRequest) =>
      Promise.resolve({ config: store.view((tx) => resolve(tx, "config", req.configId, "configId")) }),
    listConfigs: (req: swarm.v1.ListConfigsRequest) =>
      Promise.resolve({
        configs: store
          .view((tx) => tx.all("config"))
          .filter((c) =>
            matchesFilters(req.filters, c.id ?? "", c.spec?.annotations?.name ?? "", c.spec?.annotations?.labels),
          ),
      }),
    updateConfig: async (req: swarm.v1.UpdateConfigRequest) => {
      const id = await updateLabels(
        "config",
        req.configId,
        "configId",
        requireVersion("configVersion.index", req.configVersion),
        req.spec,
      );
      return { config: store.view((tx) => tx.get("config", id))! };
    },
    removeConfig: async (req: swarm.v1.RemoveConfigRequest) => {
      await removeUnused("config", req.configId, "configId");
      return {};
    },

    // ---- networks ----
    createNetwork: async (req: swarm.v1.CreateNetworkRequest) => {
      const spec = { ...req.spec, driver: req.spec.driver || "overlay" };
      const id = newId();
      await oneNetworkCreateAtATime(() =>
        store.update((tx) => {
          if (spec.ingress && tx.all("network").some((n) => n.spec?.ingress)) {
            throw new FailedPreconditionError("an ingress network already exists; the cluster has one routing mesh");
          }
          checkNetworkAgainstCluster(tx, spec);
          tx.create("network", { id, spec, ...allocateNetworkResources(tx, spec) });
        }),
      );
      return { network: store.view((tx) => tx.get("network", id))! };
    },
    getNetwork: (req: swarm.v1.GetNetworkRequest) =>
      Promise.resolve({ network: store.view((tx) => resolve(tx, "network", req.networkId, "networkId")) }),
    listNetworks: (req: swarm.v1.ListNetworksRequest) =>
      Promise.resolve({
        networks: store
          .view((tx) => tx.all("network"))
          .filter((n) =>
            matchesFilters(req.filters, n.id ?? "", n.spec?.annotations?.name ?? "", n.spec?.annotations?.labels),
          )
          .sort((a, b) => (a.spec?.annotations?.name ?? "").localeCompare(b.spec?.annotations?.name ?? "")),
      }),
    removeNetwork: async (req: swarm.v1.RemoveNetworkRequest) => {
      await store.update((tx) => {
        const network = resolve(tx, "network", req.networkId, "networkId");
        const name = network.spec?.annotations?.name ?? "";
        const users = networkUsers(tx, network);
        if (users.services.length)
          throw new FailedPreconditionError(`network ${name} is in use by service ${users.services.join(", ")}`, {
            users: users.services,
          });
        if (users.tasks.length) {
          const more = users.tasks.length > 3 ? ` and ${users.tasks.length - 3} more` : "";
          throw new FailedPreconditionError(
            `network ${name} is in use by task ${users.tasks.slice(0, 3).join(", ")}${more} (still stopping)`,
            { tasks: users.tasks.length },
          );
        }
        tx.remove("network", network.id ?? "");
      });
      return {};
    },

    // ---- nodes ----
    getNode: (req: swarm.v1.GetNodeRequest) =>
      Promise.resolve({ node: store.view((tx) => resolve(tx, "node", req.nodeId, "nodeId")) }),
    listNodes: (req: swarm.v1.ListNodesRequest) => {
      const f = req.filters;
      const nodes = store
        .view((tx) => tx.all("node"))
        .filter((n) => {
          if (
            !matchesFilters(
              f,
              n.id ?? "",
              n.spec?.annotations?.name ?? n.description?.hostname ?? "",
              n.spec?.annotations?.labels,
            )
          )
            return false;
          if (f?.roles?.length && !f.roles.includes(n.role ?? 0)) return false;
          if (f?.availabilities?.length && !f.availabilities.includes(n.spec?.availability ?? 0)) return false;
          if (f?.states?.length && !f.states.includes(n.status?.state ?? 0)) return false;
          return true;
        });
      return Promise.resolve({ nodes });
    },
    updateNode: (req: swarm.v1.UpdateNodeRequest) => updateNodeSpec(store, req, options.raftQuorum),
    removeNode: (req: swarm.v1.RemoveNodeRequest) => removeNodeObject(store, req),
  };
}

/** The cluster's dynamic published-port range, as the allocator takes it. */
function dynamicRangeIn(tx: ReadTx): { dynamicRange: ReturnType<typeof dynamicPortRangeOf> } {
  return { dynamicRange: dynamicPortRangeOf(tx.all("cluster")[0]?.spec?.publishedPortRange) };
}

/**
 * The cluster's published ports, read only when the spec publishes any: a spec without ports only
 * releases what the service held, and most updates (image, env, labels) do not touch ports.
 */
function portTableFor(tx: ReadTx, spec: swarm.v1.ServiceSpec.$Properties): PortTable {
  return (spec.endpoint?.ports?.length ?? 0) > 0 ? portTableOf(tx.all("service")) : new Map<string, string>();
}
