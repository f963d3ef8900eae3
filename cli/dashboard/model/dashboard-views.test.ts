// Goal: store objects become the rows the dashboard shows, as an operator reads them (replicas as
// `service ls` prints them, resources reserved on each node, why tasks wait, the progress of an
// update, raft health), secret data never enters a view, and a flush sends only what changed.
import test from "ava";
import { swarm } from "../../../proto/index.js";
import type { DeltaMessage } from "../shared/wire.js";
import { ChartSeries, chartPoint } from "./chart-sample.js";
import { clusterView, joinCommandOf } from "./cluster-view.js";
import { configViews, secretViews, stackViews } from "./data-views.js";
import { DashboardViews } from "./dashboard-views.js";
import { eventView } from "./event-views.js";
import { networkViews } from "./network-views.js";
import { nodeViews } from "./node-views.js";
import { serviceViews } from "./service-views.js";
import { type MirrorLists, StoreMirror } from "./store-mirror.js";
import { TaskTransitions } from "./task-transitions.js";
import { taskViews } from "./task-views.js";
import { watchChanges } from "./watch-events.js";

const S = swarm.v1.TaskState;
const Role = swarm.v1.NodeSpec.Role;
const NodeState = swarm.v1.NodeStatus.State;
const at = (ms: number) => ({ seconds: Math.floor(ms / 1000), nanos: (ms % 1000) * 1e6 });
const meta = (version: number, ms = 1_000_000) => ({
  version: { index: version },
  createdAt: at(ms),
  updatedAt: at(ms),
});

function node(id: string, options: { manager?: boolean; leader?: boolean; state?: number; hostname?: string } = {}) {
  return {
    id,
    meta: meta(1),
    role: options.manager ? Role.ROLE_MANAGER : Role.ROLE_WORKER,
    spec: { annotations: { labels: { zone: "a" } }, availability: swarm.v1.NodeSpec.Availability.AVAILABILITY_ACTIVE },
    description: {
      hostname: options.hostname ?? `host-${id}`,
      platform: { os: "linux", architecture: "amd64" },
      resources: { nanoCpus: 4e9, memoryBytes: 8 * 2 ** 30 },
      engine: { engineVersion: "process" },
    },
    status: { state: options.state ?? NodeState.STATE_READY, addr: `127.0.0.${id.length}` },
    ...(options.manager
      ? {
          managerStatus: {
            raftId: id.length,
            addr: `10.0.0.${id.length}:4242`,
            leader: Boolean(options.leader),
            reachability: swarm.v1.ManagerStatus.Reachability.REACHABILITY_REACHABLE,
          },
        }
      : {}),
    certificate: { certificatePem: new Uint8Array([1, 2, 3]) },
  };
}

const webSpec = {
  annotations: { name: "web", labels: { "com.docker.stack.namespace": "shop" } },
  task: {
    container: {
      image: "process://sleep",
      args: ["600"],
      secrets: [{ secretId: "sec1", secretName: "db-password" }],
      configs: [{ configId: "cfg1", configName: "web-conf" }],
    },
    resources: { reservations: { nanoCpus: 5e8, memoryBytes: 2 ** 28 } },
    networks: [{ target: "net1" }],
  },
  replicated: { replicas: 3 },
  endpoint: { ports: [{ targetPort: 80, publishedPort: 8080 }] },
};

function task(
  id: string,
  slot: number,
  options: { node?: string; state?: number; desired?: number; ms?: number; err?: string; message?: string } = {},
) {
  return {
    id,
    meta: meta(5, options.ms ?? 2_000_000),
    serviceId: "svc1",
    slot,
    ...(options.node ? { nodeId: options.node } : {}),
    serviceAnnotations: { name: "web" },
    spec: webSpec.task,
    desiredState: options.desired ?? S.TASK_STATE_RUNNING,
    status: {
      state: options.state ?? S.TASK_STATE_RUNNING,
      timestamp: at(options.ms ?? 2_000_000),
      message: options.message ?? "",
      err: options.err ?? "",
    },
  };
}

function lists(): MirrorLists {
  return {
    node: [node("m1", { manager: true, leader: true }), node("m22", { manager: true }), node("w333")],
    service: [
      {
        id: "svc1",
        meta: meta(4),
        spec: webSpec,
        endpoint: {
          ports: [{ targetPort: 80, publishedPort: 8080 }],
          virtualIps: [{ networkId: "net1", addr: "10.0.1.2/24" }],
        },
      },
    ],
    task: [
      { ...task("t1", 1, { node: "w333" }), networks: [{ networkId: "net1", addresses: ["10.0.1.5/24"] }] },
      task("t2", 2, { node: "w333", state: S.TASK_STATE_STARTING }),
      task("t3", 3, { state: S.TASK_STATE_PENDING, message: "no suitable node (insufficient memory on 3 nodes)" }),
      task("t0", 1, {
        node: "m1",
        state: S.TASK_STATE_FAILED,
        desired: S.TASK_STATE_SHUTDOWN,
        ms: 1_500_000,
        err: "exit 1",
      }),
    ],
    secret: [
      {
        id: "sec1",
        meta: meta(2),
        spec: {
          annotations: { name: "db-password", labels: { "com.docker.stack.namespace": "shop" } },
          data: new TextEncoder().encode("hunter2"),
        },
      },
    ],
    config: [{ id: "cfg1", meta: meta(3), spec: { annotations: { name: "web-conf" }, data: new Uint8Array([65]) } }],
    network: [
      {
        id: "net1",
        meta: meta(3),
        spec: {
          annotations: { name: "shop_default", labels: { "com.docker.stack.namespace": "shop" } },
          driver: "overlay",
          attachable: true,
          driverOpts: { encrypted: "" },
        },
        ipam: [{ subnet: "10.0.1.0/24", gateway: "10.0.1.1", range: "10.0.1.0/24" }],
        vni: 4097,
        mtu: 1370,
      },
      { id: "net2", meta: meta(3), spec: { annotations: { name: "backend" }, internal: true }, vni: 4098 },
    ],
    cluster: [
      {
        id: "clu1",
        meta: meta(1),
        spec: { annotations: { name: "default" }, dispatcher: { heartbeatPeriodNs: 5e9 } },
        joinTokens: { worker: "SWMTKN-1-abc-worker", manager: "SWMTKN-1-abc-manager" },
        rootCaKeyPem: new Uint8Array([9]),
        unlockKey: new Uint8Array([9]),
      },
    ],
  };
}

function mirrorOf(): StoreMirror {
  const mirror = new StoreMirror();
  mirror.reset(lists(), 10);
  return mirror;
}

test("StoreMirror ignores an event older than the object it holds and indexes tasks by service and node", (t) => {
  const mirror = mirrorOf();
  t.deepEqual([...mirror.tasksOfService("svc1")].sort(), ["t0", "t1", "t2", "t3"]);
  t.deepEqual([...mirror.tasksOfNode("w333")].sort(), ["t1", "t2"]);
  // The lists were read after the watch opened: an event from before them changes nothing.
  t.is(mirror.apply("task", "update", { ...task("t3", 3, { node: "w333" }), meta: meta(4) }), null);
  const moved = mirror.apply("task", "update", { ...task("t3", 3, { node: "m22" }), meta: meta(11) });
  t.is(moved?.action, "update");
  t.true(mirror.tasksOfNode("m22").has("t3"));
  t.is(mirror.apply("task", "remove", task("t1", 1))?.action, "remove");
  t.is(mirror.apply("task", "remove", task("t1", 1)), null, "a second removal finds nothing");
  t.false(mirror.tasksOfNode("w333").has("t1"));
  t.is(mirror.apply("task", "remove", task("nope", 1)), null);
});

test("the mirror keeps no secret data, cluster keys or node certificates", (t) => {
  const mirror = mirrorOf();
  t.is(mirror.get("secret", "sec1")?.spec?.data, undefined);
  t.is(mirror.cluster?.rootCaKeyPem, undefined);
  t.is(mirror.cluster?.unlockKey, undefined);
  t.is(mirror.get("node", "m1")?.certificate, undefined);
  mirror.apply("secret", "update", { ...lists().secret[0]!, meta: meta(20) });
  t.is(mirror.get("secret", "sec1")?.spec?.data, undefined);
  t.false(JSON.stringify(secretViews(mirror)).includes("hunter2"));
});

test("node views show state, role, labels, the resources their tasks reserve and the tasks on them", (t) => {
  const views = nodeViews(mirrorOf());
  t.deepEqual(
    views.map((n) => n.hostname),
    ["host-m1", "host-m22", "host-w333"],
  );
  const worker = views.find((n) => n.id === "w333")!;
  t.like(worker, { role: "worker", availability: "active", state: "ready", manager: null, platform: "linux/amd64" });
  t.deepEqual(worker.labels, { zone: "a" });
  // Two tasks hold their reservations; the failed one on m1 does not.
  t.deepEqual(worker.resources, {
    nanoCpus: 4e9,
    memoryBytes: 8 * 2 ** 30,
    reservedNanoCpus: 1e9,
    reservedMemoryBytes: 2 ** 29,
  });
  t.like(worker.tasks, { running: 1, total: 2 });
  t.deepEqual(
    worker.tasks.shown.map((x) => [x.name, x.state]),
    [
      ["web.1", "running"],
      ["web.2", "starting"],
    ],
  );
  t.is(views.find((n) => n.id === "m1")!.resources.reservedNanoCpus, 0);
  t.like(views[0]!.manager, { leader: true, reachability: "reachable", addr: "10.0.0.2:4242" });
});

test("service views show replicas as service ls does, ports, stack, pending reasons and the last error", (t) => {
  const [web] = serviceViews(mirrorOf());
  t.like(web, { name: "web", mode: "replicated", image: "process://sleep", stack: "shop", canRollBack: false });
  t.deepEqual(web!.replicas, { running: 1, desired: 3, text: "1/3" });
  t.deepEqual(web!.ports, ["*:8080->80/tcp"]);
  t.deepEqual(web!.pending, [{ reason: "no suitable node (insufficient memory on 3 nodes)", count: 1 }]);
  // The failed task is no longer wanted: its error is history, not the service's problem now.
  t.is(web!.lastError, "");
  t.is(web!.update, null);
});

test("a service's update progress counts running tasks made from its current spec", (t) => {
  const mirror = mirrorOf();
  const newSpec = {
    ...webSpec,
    task: { ...webSpec.task, container: { ...webSpec.task.container, image: "process://true" } },
  };
  mirror.apply("service", "update", {
    id: "svc1",
    meta: meta(30),
    spec: newSpec,
    previousSpec: webSpec,
    updateStatus: {
      state: swarm.v1.UpdateStatus.State.UPDATE_STATE_UPDATING,
      startedAt: at(3_000_000),
      message: "update in progress",
    },
  });
  mirror.apply("task", "create", { ...task("t9", 1, { node: "m22" }), meta: meta(31), spec: newSpec.task });
  const [web] = serviceViews(mirror);
  t.deepEqual(web!.update, {
    state: "updating",
    message: "update in progress",
    startedMs: 3_000_000,
    completedMs: 0,
    done: 1,
    total: 3,
  });
  t.true(web!.canRollBack);
});

test("task views group tasks by slot, the newest first, with the states each went through", (t) => {
  const mirror = mirrorOf();
  const transitions = new TaskTransitions();
  for (const x of mirror.all("task").values()) transitions.record(x);
  const t1 = mirror.get("task", "t2")!;
  transitions.record({ ...t1, status: { state: S.TASK_STATE_RUNNING, timestamp: at(2_500_000) } });
  const views = taskViews(mirror, "svc1", transitions);
  t.deepEqual(
    views.map((v) => [v.name, v.current, v.state]),
    [
      ["web.1", true, "running"],
      ["web.1", false, "failed"],
      ["web.2", true, "starting"],
      ["web.3", true, "pending"],
    ],
  );
  const failed = views[1]!;
  t.like(failed, { error: "exit 1", nodeName: "host-m1", desired: "shutdown", group: "slot 1" });
  t.deepEqual(
    views[2]!.history.map((h) => h.state),
    ["starting", "running"],
  );
});

test("the cluster view names the leader and counts reachable managers against the quorum", (t) => {
  const mirror = mirrorOf();
  const healthy = clusterView(mirror, nodeViews(mirror))!;
  t.like(healthy, { id: "clu1", name: "default" });
  t.is(healthy.leader?.nodeId, "m1");
  t.deepEqual(healthy.raft, { managers: 2, reachable: 2, quorum: 2, faultTolerance: 0, healthy: true });
  t.like(healthy.counts, { nodes: 3, readyNodes: 3, services: 1, tasks: 3, runningTasks: 1 });
  t.true(healthy.settings.some((s) => s.name === "Heartbeat period" && s.value === "5 seconds"));
  t.false(JSON.stringify(healthy).includes("SWMTKN"), "join tokens stay out of the view");

  // The leader's node goes down: no leader is shown, and the quorum is lost.
  mirror.apply("node", "update", {
    ...node("m1", { manager: true, leader: true, state: NodeState.STATE_DOWN }),
    meta: meta(40),
  });
  const lost = clusterView(mirror, nodeViews(mirror))!;
  t.is(lost.leader, null);
  t.deepEqual(lost.raft, { managers: 2, reachable: 1, quorum: 2, faultTolerance: -1, healthy: false });
  t.is(joinCommandOf(mirror, "worker"), "swarmd join --token SWMTKN-1-abc-worker 10.0.0.2:4242");
});

test("secrets, configs and stacks are listed by name with their users, never their data", (t) => {
  const mirror = mirrorOf();
  const secrets = secretViews(mirror);
  const configs = configViews(mirror);
  t.like(secrets[0], { id: "sec1", name: "db-password", stack: "shop" });
  t.deepEqual(secrets[0]!.usedBy, ["web"]);
  t.deepEqual(configs[0]!.usedBy, ["web"]);
  const stacks = stackViews(mirror, serviceViews(mirror), secrets, configs);
  t.deepEqual(stacks, [
    { name: "shop", services: ["web"], running: 1, desired: 3, secrets: 1, configs: 0, networks: 1 },
  ]);
});

test("networks show their subnet, VXLAN id and kind with each service's virtual IP; services and tasks name theirs", (t) => {
  const mirror = mirrorOf();
  const networks = networkViews(mirror);
  t.deepEqual(
    networks.map((n) => n.name),
    ["backend", "shop_default"],
  );
  t.like(networks[1], {
    id: "net1",
    driver: "overlay",
    vni: 4097,
    mtu: 1370,
    attachable: true,
    internal: false,
    encrypted: true,
    ingress: false,
    stack: "shop",
  });
  t.deepEqual(networks[1]!.subnets, [{ subnet: "10.0.1.0/24", gateway: "10.0.1.1", range: "10.0.1.0/24" }]);
  t.deepEqual(networks[1]!.services, [{ id: "svc1", name: "web", addr: "10.0.1.2/24" }]);
  t.like(networks[0], { name: "backend", internal: true, encrypted: false, services: [], subnets: [] });
  t.deepEqual(serviceViews(mirror)[0]!.networks, [{ networkId: "net1", network: "shop_default", addr: "10.0.1.2/24" }]);
  const t1 = taskViews(mirror, "svc1", new TaskTransitions()).find((x) => x.id === "t1")!;
  t.deepEqual(t1.addresses, [{ networkId: "net1", network: "shop_default", addr: "10.0.1.5/24" }]);
});

test("a renamed network is sent again, with the service rows that name it", (t) => {
  const views = new DashboardViews(new ChartSeries());
  views.reset(lists(), 10);
  t.is(views.flush(new Set()).delta?.upsert?.networks?.length, 2);
  const [net1] = lists().network;
  views.apply(
    watchChanges({
      version: { index: 70 },
      events: [
        {
          action: swarm.v1.WatchAction.WATCH_ACTION_UPDATE,
          object: {
            network: { ...net1, meta: meta(70), spec: { ...net1!.spec, annotations: { name: "shop_front" } } },
          },
        },
      ],
    }),
    70,
    1_000,
  );
  const d = views.flush(new Set()).delta!;
  t.deepEqual(
    d.upsert?.networks?.map((n) => n.name),
    ["shop_front"],
  );
  t.is(d.upsert?.services?.[0]?.networks[0]?.network, "shop_front");
});

test("events say what changed in words", (t) => {
  const mirror = mirrorOf();
  const change = mirror.apply("task", "update", {
    ...task("t2", 2, { node: "w333", state: S.TASK_STATE_FAILED, err: "exit status 2" }),
    meta: meta(50),
  })!;
  t.like(eventView(change, 7, 123), {
    seq: 7,
    atMs: 123,
    kind: "task",
    action: "update",
    name: "web.2",
    text: "starting → failed, error: exit status 2",
  });
  const scaled = mirror.apply("service", "update", {
    id: "svc1",
    meta: meta(51),
    spec: { ...webSpec, replicated: { replicas: 5 } },
  })!;
  t.is(eventView(scaled, 8, 0).text, "replicas 3 → 5");
  const drained = mirror.apply("node", "update", {
    ...node("w333"),
    meta: meta(52),
    spec: { availability: swarm.v1.NodeSpec.Availability.AVAILABILITY_DRAIN },
  })!;
  t.is(eventView(drained, 9, 0).text, "availability active → drain");
});

test("the chart counts wanted tasks by phase", (t) => {
  t.deepEqual(chartPoint(mirrorOf(), 5).counts, { pending: 1, starting: 1, running: 1, complete: 0, failed: 0 });
});

test("a flush sends only the rows a change touched, and the tasks of each service on show", (t) => {
  const views = new DashboardViews(new ChartSeries());
  views.reset(lists(), 10);
  const first = views.flush(new Set());
  t.is(first.delta?.upsert?.services?.length, 1);
  t.is(first.delta?.upsert?.nodes?.length, 3);
  t.is(views.flush(new Set()).delta, null, "nothing changed, nothing sent");

  const snapshot = views.snapshot("svc1", { target: "unix:///x", connected: true, error: "" });
  t.is(snapshot.detail?.tasks.length, 4);
  t.like(snapshot.detail?.spec, { annotations: { name: "web" }, replicated: { replicas: 3 } });

  // One task starts running on w333: its service's row, its node's row and the cluster change, no other node.
  const message = {
    version: { index: 60 },
    events: [
      {
        action: swarm.v1.WatchAction.WATCH_ACTION_UPDATE,
        object: { task: { ...task("t2", 2, { node: "w333" }), meta: meta(60) } },
      },
    ],
  };
  views.apply(watchChanges(message), 60, 1_000);
  const { delta, details } = views.flush(new Set(["svc1"]));
  const d = delta as DeltaMessage;
  t.is(d.version, 60);
  t.deepEqual(
    d.upsert?.nodes?.map((n) => n.id),
    ["w333"],
  );
  t.deepEqual(d.upsert?.services?.[0]?.replicas, { running: 2, desired: 3, text: "2/3" });
  t.is(d.cluster?.counts.runningTasks, 2);
  t.like(d.events?.[0], { kind: "task", name: "web.2", text: "starting → running" });
  t.deepEqual(
    details.get("svc1")?.upsertTasks?.map((x) => x.id),
    ["t2"],
  );

  // A removed service leaves the list and its detail.
  views.apply(
    watchChanges({
      version: { index: 61 },
      events: [
        { action: swarm.v1.WatchAction.WATCH_ACTION_REMOVE, object: { service: { id: "svc1", meta: meta(61) } } },
      ],
    }),
    61,
    2_000,
  );
  const gone = views.flush(new Set(["svc1"]));
  t.deepEqual(gone.delta?.remove?.services, ["svc1"]);
  t.is(gone.details.get("svc1")?.service, null);
  t.false(JSON.stringify(views.snapshot(null, { target: "", connected: true, error: "" })).includes("hunter2"));
});
