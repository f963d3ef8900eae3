// For tests: the Control API over an in-memory store, called the way grpc-js calls it (the request
// encoded and decoded with the method's own wire codec, then handed to the unary handler), with a
// store already holding one object of every kind, and a complete valid request for every method
// (every message field of the request present), from which the validation tests and the fuzzer
// derive malformed ones.
import * as grpc from "@grpc/grpc-js";
import { newJoinToken } from "../../common/index.js";
import { controlService, swarm } from "../../proto/index.js";
import { defaultClusterSpec } from "../cluster/index.js";
import { MemoryStore } from "../store/index.js";
import { createControlApi } from "./control-api.js";
import type { ImageResolver } from "./pin-image.js";
import type { ControlMethod } from "./validate-requests.js";

/** The answer of one call: its gRPC status, and what it named. */
export interface ControlAnswer {
  /** The status code (OK on success). */
  readonly code: grpc.status;
  /** The status details (the error message). */
  readonly details: string;
  /** The field an INVALID_ARGUMENT names (its `swarm-error-field` trailer), if any. */
  readonly field: string | undefined;
  /** The response on success. */
  readonly response: unknown;
}

/** A Control API over its own store. */
export interface ControlHarness {
  /** The store behind the API. */
  readonly store: MemoryStore;
  /** Raft entries proposed so far (a refused call must propose none). */
  proposals(): number;
  /** Calls a method as grpc-js would: through the wire codec, into the handler. */
  call(method: ControlMethod, request: object): Promise<ControlAnswer>;
  /** The Control handlers, to serve over a real gRPC server too. */
  readonly handlers: grpc.UntypedServiceImplementation;
  /** Ids of the objects the store was seeded with. */
  readonly ids: {
    readonly secret: string;
    readonly config: string;
    readonly network: string;
    readonly service: string;
  };
}

type UnaryHandler = (call: { request: unknown }, callback: (error: unknown, response?: unknown) => void) => void;
type MethodDefinition = {
  requestSerialize(message: unknown): Buffer;
  requestDeserialize(bytes: Buffer): unknown;
};

/** Starts a Control API over a fresh store with a cluster, a worker node, a secret, a config, a network and a service. */
export async function startControlHarness(options: { imageResolver?: ImageResolver } = {}): Promise<ControlHarness> {
  const store = new MemoryStore();
  let index = 0;
  store.setProposer({ propose: (data) => Promise.resolve(store.apply(data, ++index)) });
  const ca = new TextEncoder().encode("test root CA");
  const ids = { secret: "secret00000000000000000001", config: "config00000000000000000001", network: "net1" };
  await store.update((tx) => {
    tx.create("cluster", {
      id: "cluster1",
      spec: defaultClusterSpec(),
      joinTokens: { worker: newJoinToken(ca), manager: newJoinToken(ca) },
      rootCaCertPem: ca,
    });
    tx.create("node", {
      id: "node1",
      role: swarm.v1.NodeSpec.Role.ROLE_WORKER,
      spec: { annotations: { name: "node1" }, desiredRole: swarm.v1.NodeSpec.Role.ROLE_WORKER },
      status: { state: swarm.v1.NodeStatus.State.STATE_DOWN },
    });
    tx.create("secret", { id: ids.secret, spec: { annotations: { name: "s1" }, data: Buffer.from("pw") } });
    tx.create("config", { id: ids.config, spec: { annotations: { name: "c1" }, data: Buffer.from("cfg") } });
    tx.create("network", { id: "netid1", spec: { annotations: { name: ids.network }, driver: "overlay" } });
  });
  const handlers = createControlApi({ store, ...options }) as unknown as Record<string, UnaryHandler>;
  const definitions = controlService as unknown as Record<string, MethodDefinition>;
  const call = (method: ControlMethod, request: object): Promise<ControlAnswer> => {
    const definition = definitions[method]!;
    const decoded = definition.requestDeserialize(definition.requestSerialize(request));
    return new Promise((resolve) =>
      handlers[method]!({ request: decoded }, (error, response) => {
        if (!error) return resolve({ code: grpc.status.OK, details: "", field: undefined, response });
        const status = error as Partial<grpc.StatusObject>;
        const field = status.metadata?.get("swarm-error-field")[0];
        resolve({
          code: status.code ?? grpc.status.UNKNOWN,
          details: status.details ?? "",
          field: typeof field === "string" ? field : undefined,
          response: undefined,
        });
      }),
    );
  };
  const service = await call("createService", {
    spec: { annotations: { name: "svc1" }, task: { container: { image: "redis:7" } } },
  });
  if (service.code !== grpc.status.OK) throw new Error(`seeding the harness failed: ${service.details}`);
  return {
    store,
    proposals: () => index,
    call,
    handlers: handlers as unknown as grpc.UntypedServiceImplementation,
    ids: { ...ids, service: (service.response as swarm.v1.CreateServiceResponse).service.id },
  };
}

const Enum = {
  restart: swarm.v1.RestartPolicy.Condition,
  failure: swarm.v1.UpdateConfig.FailureAction,
  order: swarm.v1.UpdateConfig.Order,
  protocol: swarm.v1.PortConfig.Protocol,
  publish: swarm.v1.PortConfig.PublishMode,
  proxy: swarm.v1.PortConfig.ProxyProtocol,
  resolution: swarm.v1.EndpointSpec.ResolutionMode,
  balancing: swarm.v1.EndpointSpec.Balancing,
  mount: swarm.v1.Mount.Type,
  role: swarm.v1.NodeSpec.Role,
  availability: swarm.v1.NodeSpec.Availability,
};

/** A service spec with every field of the proto set to a valid value (references to the harness's objects). */
export function fullServiceSpec(h: Pick<ControlHarness, "ids">, name: string): swarm.v1.ServiceSpec.$Properties {
  const update = {
    parallelism: 2,
    delayNs: 1e9,
    failureAction: Enum.failure.FAILURE_ACTION_ROLLBACK,
    monitorNs: 5e9,
    maxFailureRatio: 0.25,
    order: Enum.order.ORDER_START_FIRST,
  };
  return {
    annotations: { name, labels: { tier: "web" } },
    task: {
      container: {
        image: "registry.example:5000/team/app:1.2",
        labels: { "com.example.role": "web" },
        command: ["/bin/app"],
        args: ["--port", "8080"],
        env: ["MODE=prod"],
        dir: "/srv",
        user: "1000:1000",
        groups: ["100"],
        hostname: "{{.Service.Name}}-{{.Task.Slot}}",
        mounts: [
          {
            type: Enum.mount.TYPE_BIND,
            source: "/var/lib/app",
            target: "/data",
            readOnly: true,
            bindPropagation: "rprivate",
          },
          {
            type: Enum.mount.TYPE_VOLUME,
            source: "shared",
            target: "/shared",
            volumeNoCopy: true,
            volumeLabels: { backup: "daily" },
            volumeDriver: "local",
            volumeDriverOptions: { type: "nfs", o: "addr=10.0.0.9,rw", device: ":/export" },
          },
        ],
        secrets: [{ secretId: h.ids.secret, secretName: "s1", file: { name: "s1", uid: "0", gid: "0", mode: 0o400 } }],
        configs: [
          { configId: h.ids.config, configName: "c1", file: { name: "/etc/c1", uid: "0", gid: "0", mode: 0o444 } },
        ],
        stopSignal: "SIGTERM",
        stopGracePeriodNs: 10e9,
        healthcheck: {
          test: ["CMD", "/bin/app", "--check"],
          intervalNs: 5e9,
          timeoutNs: 1e9,
          retries: 3,
          startPeriodNs: 2e9,
          startIntervalNs: 1e9,
        },
        init: true,
        readOnly: true,
        tty: false,
        openStdin: false,
        hosts: ["10.1.2.3 db.internal db"],
        dnsConfig: { nameservers: ["10.0.0.53"], search: ["example.internal"], options: ["ndots:2"] },
        sysctls: { "net.core.somaxconn": "1024" },
        capabilityAdd: ["NET_ADMIN"],
        capabilityDrop: ["MKNOD"],
        pidsLimit: 512,
        ulimits: [{ name: "nofile", soft: 1024, hard: 2048 }],
        isolation: swarm.v1.ContainerSpec.Isolation.ISOLATION_DEFAULT,
        oomScoreAdj: -500,
      },
      resources: {
        limits: { nanoCpus: 2e9, memoryBytes: 2 ** 29 },
        reservations: { nanoCpus: 1e9, memoryBytes: 2 ** 28, generic: [{ kind: "gpu", count: 1 }] },
      },
      restart: { condition: Enum.restart.RESTART_CONDITION_ON_FAILURE, delayNs: 5e9, maxAttempts: 3, windowNs: 60e9 },
      placement: {
        constraints: ["node.role==worker"],
        preferences: [{ spreadDescriptor: "node.labels.zone" }],
        platforms: [{ os: "linux", architecture: "x86_64" }],
        maxReplicas: 2,
      },
      networks: [{ target: h.ids.network, aliases: ["web"] }],
      forceUpdate: 1,
      logDriver: { name: "json-file", options: { "max-size": "10m" } },
    },
    replicated: { replicas: 3 },
    update,
    rollback: { ...update, failureAction: Enum.failure.FAILURE_ACTION_PAUSE, order: Enum.order.ORDER_STOP_FIRST },
    endpoint: {
      mode: Enum.resolution.RESOLUTION_MODE_VIP,
      ports: [
        {
          name: "http",
          protocol: Enum.protocol.PROTOCOL_TCP,
          targetPort: 8080,
          publishedPort: 0,
          publishMode: Enum.publish.PUBLISH_MODE_INGRESS,
          proxyProtocol: Enum.proxy.PROXY_PROTOCOL_V1,
        },
      ],
      balancing: Enum.balancing.BALANCING_LEAST_CONNECTIONS,
    },
    networks: [],
  };
}

const commonFilters = (): object => ({ names: ["a"], idPrefixes: ["b"], labels: { k: "v" }, namePrefixes: ["c"] });

/**
 * A valid request of `method`, with every message field of the request present, on the harness's
 * objects; a new object each time, which the caller may change in place. Writes that create use
 * `name` so that several can succeed side by side.
 */
export function fullRequest(h: ControlHarness, method: ControlMethod, name: string): object {
  return requestBuilders[method](h, name);
}

/** {@link fullRequest} of every method. */
export function fullRequests(h: ControlHarness, name: string): Record<ControlMethod, object> {
  const out = {} as Record<ControlMethod, object>;
  for (const method of Object.keys(requestBuilders) as ControlMethod[]) out[method] = fullRequest(h, method, name);
  return out;
}

const version = (h: ControlHarness, kind: "node" | "service" | "secret" | "config" | "cluster", id: string) =>
  h.store.view((tx) => tx.get(kind, id))?.meta?.version ?? { index: 0 };

/** Builders of the full requests. */
const requestBuilders: Record<ControlMethod, (h: ControlHarness, name: string) => object> = {
  getNode: () => ({ nodeId: "node1" }),
  listNodes: () => ({
    filters: {
      ...commonFilters(),
      roles: [Enum.role.ROLE_WORKER],
      availabilities: [Enum.availability.AVAILABILITY_PAUSE],
      states: [swarm.v1.NodeStatus.State.STATE_READY],
    },
  }),
  updateNode: (h) => ({
    nodeId: "node1",
    nodeVersion: version(h, "node", "node1"),
    spec: {
      annotations: { name: "node1", labels: { zone: "a" } },
      desiredRole: Enum.role.ROLE_WORKER,
      availability: Enum.availability.AVAILABILITY_DRAIN,
    },
  }),
  removeNode: () => ({ nodeId: "node-that-is-not-there", force: true }),
  getTask: () => ({ taskId: "task-that-is-not-there" }),
  listTasks: (h) => ({
    filters: {
      ...commonFilters(),
      serviceIds: [h.ids.service],
      nodeIds: ["node1"],
      desiredStates: [swarm.v1.TaskState.TASK_STATE_RUNNING],
      states: [swarm.v1.TaskState.TASK_STATE_PENDING],
      slots: [1],
      upOnly: true,
    },
  }),
  createService: (h, name) => ({ spec: fullServiceSpec(h, name) }),
  getService: (h) => ({ serviceId: h.ids.service, insertDefaults: true }),
  updateService: (h) => ({
    serviceId: h.ids.service,
    serviceVersion: version(h, "service", h.ids.service),
    spec: fullServiceSpec(h, "svc1"),
    rollback: swarm.v1.UpdateServiceRequest.Rollback.ROLLBACK_NONE,
  }),
  removeService: () => ({ serviceId: "service-that-is-not-there" }),
  listServices: () => ({ filters: { ...commonFilters(), modes: ["replicated"] } }),
  createSecret: (_h, name) => ({ spec: { annotations: { name, labels: { k: "v" } }, data: Buffer.from("secret") } }),
  getSecret: (h) => ({ secretId: h.ids.secret }),
  updateSecret: (h) => ({
    secretId: h.ids.secret,
    secretVersion: version(h, "secret", h.ids.secret),
    spec: { annotations: { name: "s1", labels: { k: "v" } }, data: Buffer.from("pw") },
  }),
  removeSecret: () => ({ secretId: "secret-that-is-not-there" }),
  listSecrets: () => ({ filters: commonFilters() }),
  createConfig: (_h, name) => ({ spec: { annotations: { name, labels: { k: "v" } }, data: Buffer.from("config") } }),
  getConfig: (h) => ({ configId: h.ids.config }),
  updateConfig: (h) => ({
    configId: h.ids.config,
    configVersion: version(h, "config", h.ids.config),
    spec: { annotations: { name: "c1", labels: { k: "v" } }, data: Buffer.from("cfg") },
  }),
  removeConfig: () => ({ configId: "config-that-is-not-there" }),
  listConfigs: () => ({ filters: commonFilters() }),
  createNetwork: (_h, name) => ({
    spec: {
      annotations: { name, labels: { k: "v" } },
      driver: "overlay",
      ingress: false,
      attachable: true,
      internal: false,
      driverOpts: { "com.docker.network.driver.mtu": "1400", site: "a" },
      ipam: [{ subnet: "10.20.0.0/24", gateway: "10.20.0.1", range: "10.20.0.128/25" }],
    },
  }),
  getNetwork: (h) => ({ networkId: h.ids.network }),
  removeNetwork: () => ({ networkId: "network-that-is-not-there" }),
  listNetworks: () => ({ filters: commonFilters() }),
  getCluster: () => ({ clusterId: "cluster1" }),
  listClusters: () => ({ filters: commonFilters() }),
  updateCluster: (h) => ({
    clusterId: "cluster1",
    clusterVersion: version(h, "cluster", "cluster1"),
    spec: defaultClusterSpec(),
    rotation: { workerJoinToken: true, managerJoinToken: false, managerUnlockKey: false },
  }),
  getUnlockKey: () => ({}),
  unlock: () => ({ unlockKey: "SWMKEY-1-x" }),
  issueOperatorCertificate: () => ({ csrPem: "", name: "alice", expiryNs: 3600e9 }),
  backupCluster: () => ({}),
};
