// Goal: rolling updates behave as Docker's: batches of `parallelism`, stop-first and start-first
// order, monitor, failure ratio, failure actions pause / continue / rollback, manual rollback,
// force update, and a new leader resuming an update cut off by a leader change. The store runs
// without raft, the clock is fake, and a fake agent moves tasks through their states.
import * as grpc from "@grpc/grpc-js";
import test from "ava";
import { ControlClient, controlService, swarm } from "../../proto/index.js";
import { createControlApi } from "../controlapi/index.js";
import { MemoryStore, type ObjectsByKind, SequenceConflictError } from "../store/index.js";
import { FakeClock } from "../../common/index.js";
import { ServiceOrchestrator } from "./service-orchestrator.js";
import { UpdateSupervisor } from "./update-supervisor.js";
import { ProposalDroppedError } from "../../raft/index.js";
import { writeRetryMsMin } from "../write-failure.js";

type Task = ObjectsByKind["task"];
const S = swarm.v1.TaskState;
const U = swarm.v1.UpdateStatus.State;

async function settle(): Promise<void> {
  for (let i = 0; i < 30; i++) await new Promise((r) => setImmediate(r));
}

interface Harness {
  store: MemoryStore;
  clock: FakeClock;
  /** Images whose tasks fail as soon as they would run; a count fails only that many tasks. */
  failing: Map<string, number>;
  /** Images whose tasks run, then die this many ms (on the clock) after they started. */
  crashing: Map<string, number>;
  /** Called after every commit with the live tasks of s1. */
  samples: Task[][];
  /** Where the fake scheduler puts new tasks, and which nodes are dead (their tasks never move on). */
  nodes: { placeOn: string; dead: Set<string> };
  /** Brings a dead node back: its agent reports its tasks again, as one does when it reconnects. */
  revive(nodeId: string): void;
  supervisor: { abort: AbortController };
  restartSupervisor(): void;
}

const imageOf = (t: Task): string => t.spec?.container?.image ?? "";

function setup(t: { teardown: (fn: () => void) => void }): Harness {
  const clock = new FakeClock();
  const store = new MemoryStore({ clock });
  let index = 0;
  store.setProposer({ propose: (data) => Promise.resolve(store.apply(data, ++index)) });
  let n = 0;
  const newId = (): string => `task${++n}`;
  const failing = new Map<string, number>();
  const crashing = new Map<string, number>();
  const samples: Task[][] = [];
  // The fake agent and scheduler: every task lands on `placeOn` (n1 unless a test changes it) and
  // reaches the state its desired state asks for, unless its node is dead.
  let agentBusy = false;
  const nodes = { placeOn: "n1", dead: new Set<string>() };
  const agentLooks = (): void => {
    if (agentBusy) return;
    agentBusy = true;
    setImmediate(() => {
      agentBusy = false;
      void store
        .update((tx) => {
          for (const task of tx.all("task")) {
            const state = Number(task.status?.state ?? 0);
            const desired = Number(task.desiredState ?? 0);
            const nodeId = task.nodeId || nodes.placeOn;
            const set = (s: swarm.v1.TaskState): void =>
              tx.update("task", {
                ...task,
                nodeId,
                status: { state: s, timestamp: { seconds: Math.floor(clock.now() / 1000) } },
              });
            if (nodes.dead.has(nodeId)) {
              if (state < Number(S.TASK_STATE_ASSIGNED)) set(S.TASK_STATE_ASSIGNED);
              continue;
            }
            if (desired > Number(S.TASK_STATE_RUNNING) && state <= Number(S.TASK_STATE_RUNNING))
              set(S.TASK_STATE_SHUTDOWN);
            else if (desired === Number(S.TASK_STATE_READY) && state < Number(S.TASK_STATE_READY))
              set(S.TASK_STATE_READY);
            else if (desired === Number(S.TASK_STATE_RUNNING) && state < Number(S.TASK_STATE_RUNNING)) {
              const left = failing.get(imageOf(task));
              if (left !== undefined && left > 0) {
                failing.set(imageOf(task), left - 1);
                set(S.TASK_STATE_FAILED);
              } else {
                set(S.TASK_STATE_RUNNING);
                const lifeMs = crashing.get(imageOf(task));
                if (lifeMs !== undefined)
                  clock.after(lifeMs, () => {
                    void store
                      .update((crash) => {
                        const now = crash.get("task", task.id ?? "")!;
                        if (Number(now.status?.state ?? 0) === Number(S.TASK_STATE_RUNNING))
                          crash.update("task", { ...now, status: { state: S.TASK_STATE_FAILED } });
                      })
                      .catch(() => undefined);
                  });
              }
            }
          }
        })
        .catch(() => undefined);
    });
  };
  store.watch(() => {
    samples.push(
      store
        .view((tx) => tx.tasks({ serviceId: "s1" }))
        .filter((x) => Number(x.desiredState ?? 0) <= Number(S.TASK_STATE_RUNNING)),
    );
    agentLooks();
  });
  // The node the fake scheduler places tasks on exists (tasks on a node that does not are orphaned).
  void store.update((tx) =>
    tx.create("node", {
      id: "n1",
      spec: { annotations: { name: "n1" } },
      status: { state: swarm.v1.NodeStatus.State.STATE_READY },
    }),
  );
  const orchestrator = new ServiceOrchestrator(store, { clock, newId });
  const abort = new AbortController();
  void orchestrator.run(abort.signal);
  const harness: Harness = {
    store,
    clock,
    failing,
    crashing,
    samples,
    nodes,
    revive: (nodeId) => {
      nodes.dead.delete(nodeId);
      agentLooks();
    },
    supervisor: { abort: new AbortController() },
    restartSupervisor: () => {
      harness.supervisor.abort.abort();
      harness.supervisor.abort = new AbortController();
      void new UpdateSupervisor(store, { clock, newId }).run(harness.supervisor.abort.signal);
    },
  };
  harness.restartSupervisor();
  t.teardown(() => {
    abort.abort();
    harness.supervisor.abort.abort();
  });
  return harness;
}

/** Lets the system run, moving the clock 1 s at a time, until `done` holds. */
async function drive(h: Harness, done: () => boolean, maxSteps = 200): Promise<boolean> {
  for (let i = 0; i < maxSteps; i++) {
    await settle();
    if (done()) return true;
    h.clock.advance(1_000);
  }
  return done();
}

const service = (h: Harness): ObjectsByKind["service"] => h.store.view((tx) => tx.get("service", "s1"))!;
const live = (h: Harness): Task[] =>
  h.store
    .view((tx) => tx.tasks({ serviceId: "s1" }))
    .filter((x) => Number(x.desiredState ?? 0) <= Number(S.TASK_STATE_RUNNING));
const running = (tasks: readonly Task[], image?: string): number =>
  tasks.filter(
    (x) =>
      Number(x.status?.state ?? 0) === Number(S.TASK_STATE_RUNNING) && (image === undefined || imageOf(x) === image),
  ).length;

async function deploy(
  h: Harness,
  replicas: number,
  update: swarm.v1.UpdateConfig.$Properties,
  rollback: swarm.v1.UpdateConfig.$Properties = {},
): Promise<void> {
  await h.store.update((tx) =>
    tx.create("service", {
      id: "s1",
      spec: {
        annotations: { name: "web" },
        task: { container: { image: "v1" } },
        replicated: { replicas },
        update,
        rollback,
      },
    }),
  );
  await drive(h, () => running(live(h), "v1") === replicas);
}

async function setImage(h: Harness, image: string, forceUpdate = 0): Promise<void> {
  await h.store.update((tx) => {
    const s = tx.get("service", "s1")!;
    const { updateStatus: _old, ...rest } = s;
    tx.update("service", {
      ...rest,
      previousSpec: s.spec!,
      spec: { ...s.spec, task: { ...s.spec?.task, forceUpdate, container: { image } } },
    });
  });
}

test("rolling update replaces one slot at a time, stop-first, and completes", async (t) => {
  const h = setup(t);
  await deploy(h, 3, { parallelism: 1, monitorNs: 2e9 });
  h.samples.length = 0;
  await setImage(h, "v2");
  t.true(await drive(h, () => Number(service(h).updateStatus?.state ?? 0) === Number(U.UPDATE_STATE_COMPLETED)));
  t.is(running(live(h), "v2"), 3);
  t.is(live(h).length, 3);
  t.is(service(h).updateStatus?.message, "update completed");
  // Stop-first with parallelism 1: never fewer than 2 tasks running, and never two new tasks pending at once.
  for (const sample of h.samples) {
    t.true(running(sample) >= 2);
    t.true(
      sample.filter((x) => imageOf(x) === "v2" && Number(x.status?.state ?? 0) < Number(S.TASK_STATE_RUNNING)).length <=
        1,
    );
  }
});

test("start-first keeps every replica running during the update", async (t) => {
  const h = setup(t);
  await deploy(h, 3, { parallelism: 2, order: swarm.v1.UpdateConfig.Order.ORDER_START_FIRST, monitorNs: 1e9 });
  h.samples.length = 0;
  await setImage(h, "v2");
  t.true(await drive(h, () => Number(service(h).updateStatus?.state ?? 0) === Number(U.UPDATE_STATE_COMPLETED)));
  t.is(running(live(h), "v2"), 3);
  for (const sample of h.samples) t.true(running(sample) >= 3);
});

test("a delay separates batches", async (t) => {
  const h = setup(t);
  await deploy(h, 2, { parallelism: 1, delayNs: 30e9, monitorNs: 0 });
  await setImage(h, "v2");
  await drive(h, () => running(live(h), "v2") === 1, 10);
  // Ten seconds on, the second batch still waits for the delay.
  t.is(running(live(h), "v2"), 1);
  t.true(await drive(h, () => running(live(h), "v2") === 2, 40));
});

test("a failed update pauses, naming the task, and leaves the other slots alone", async (t) => {
  const h = setup(t);
  await deploy(h, 3, { parallelism: 1, monitorNs: 5e9 });
  h.failing.set("bad", 1_000);
  await setImage(h, "bad");
  t.true(await drive(h, () => Number(service(h).updateStatus?.state ?? 0) === Number(U.UPDATE_STATE_PAUSED)));
  t.regex(service(h).updateStatus?.message ?? "", /update paused due to failure or early termination of task task\d+/);
  await drive(h, () => false, 10);
  t.is(running(live(h), "v1"), 2, "two slots keep the old spec while paused");
});

test("an update whose tasks die soon after starting pauses having taken down one slot", async (t) => {
  // A bad image at parallelism 1: each new task runs for a moment, then exits. Docker pauses after
  // the first such task; the update must not have stopped a second old task meanwhile.
  const h = setup(t);
  await deploy(h, 4, { parallelism: 1, monitorNs: 5e9 });
  h.crashing.set("bad", 300);
  h.samples.length = 0;
  await setImage(h, "bad");
  t.true(await drive(h, () => Number(service(h).updateStatus?.state ?? 0) === Number(U.UPDATE_STATE_PAUSED)));
  await drive(h, () => false, 10);
  t.is(running(live(h), "v1"), 3, "three slots keep the old spec while paused");
  for (const sample of h.samples) t.true(sample.filter((x) => imageOf(x) === "v1").length >= 3);
});

test("failure action rollback restores the previous spec", async (t) => {
  const h = setup(t);
  await deploy(
    h,
    3,
    { parallelism: 1, monitorNs: 5e9, failureAction: swarm.v1.UpdateConfig.FailureAction.FAILURE_ACTION_ROLLBACK },
    { parallelism: 0, monitorNs: 1e9 },
  );
  h.failing.set("bad", 1_000);
  await setImage(h, "bad");
  t.true(
    await drive(h, () => Number(service(h).updateStatus?.state ?? 0) === Number(U.UPDATE_STATE_ROLLBACK_COMPLETED)),
  );
  t.is(service(h).spec?.task?.container?.image, "v1");
  t.is(service(h).previousSpec?.task?.container?.image, "bad");
  t.true(await drive(h, () => running(live(h), "v1") === 3));
});

test("max failure ratio: failures within the ratio continue, beyond it pause", async (t) => {
  const within = setup(t);
  await deploy(within, 4, { parallelism: 1, monitorNs: 1e9, maxFailureRatio: 0.3 });
  within.failing.set("v2", 1);
  await setImage(within, "v2");
  t.true(
    await drive(within, () => Number(service(within).updateStatus?.state ?? 0) === Number(U.UPDATE_STATE_COMPLETED)),
  );
  t.true(await drive(within, () => running(live(within), "v2") === 4));

  const beyond = setup(t);
  await deploy(beyond, 4, { parallelism: 1, monitorNs: 1e9, maxFailureRatio: 0.2 });
  beyond.failing.set("v2", 1);
  await setImage(beyond, "v2");
  t.true(await drive(beyond, () => Number(service(beyond).updateStatus?.state ?? 0) === Number(U.UPDATE_STATE_PAUSED)));
});

test("failure action continue finishes the update despite failures", async (t) => {
  const h = setup(t);
  await deploy(h, 3, {
    parallelism: 1,
    monitorNs: 1e9,
    failureAction: swarm.v1.UpdateConfig.FailureAction.FAILURE_ACTION_CONTINUE,
  });
  h.failing.set("v2", 2);
  await setImage(h, "v2");
  t.true(await drive(h, () => Number(service(h).updateStatus?.state ?? 0) === Number(U.UPDATE_STATE_COMPLETED)));
  t.true(await drive(h, () => running(live(h), "v2") === 3));
});

test("a task failing within its monitor period after running counts as a failure", async (t) => {
  const h = setup(t);
  await deploy(h, 2, { parallelism: 1, monitorNs: 30e9, delayNs: 60e9 });
  await setImage(h, "v2");
  t.true(await drive(h, () => running(live(h), "v2") === 1, 5));
  // The first new task dies ten seconds after it started: inside the 30 s monitor window.
  h.clock.advance(10_000);
  await h.store.update((tx) => {
    const task = tx
      .tasks({ serviceId: "s1" })
      .find((x) => imageOf(x) === "v2" && Number(x.status?.state ?? 0) === Number(S.TASK_STATE_RUNNING))!;
    tx.update("task", { ...task, status: { state: S.TASK_STATE_FAILED } });
  });
  t.true(await drive(h, () => Number(service(h).updateStatus?.state ?? 0) === Number(U.UPDATE_STATE_PAUSED)));
});

test("manual rollback through the Control API rolls back and reports it", async (t) => {
  const h = setup(t);
  await deploy(h, 2, { parallelism: 1, monitorNs: 1e9 });
  await setImage(h, "v2");
  await drive(h, () => Number(service(h).updateStatus?.state ?? 0) === Number(U.UPDATE_STATE_COMPLETED));
  const server = new grpc.Server();
  server.addService(controlService, createControlApi({ store: h.store }) as grpc.UntypedServiceImplementation);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (e, p) => (e ? reject(e) : resolve(p))),
  );
  const client = new ControlClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  t.teardown(() => {
    client.close();
    server.forceShutdown();
  });
  await new Promise<void>((resolve, reject) =>
    client.updateService(
      {
        serviceId: "s1",
        serviceVersion: service(h).meta?.version ?? {},
        rollback: swarm.v1.UpdateServiceRequest.Rollback.ROLLBACK_PREVIOUS,
      },
      (err) => (err ? reject(err) : resolve()),
    ),
  );
  t.is(Number(service(h).updateStatus?.state ?? 0), Number(U.UPDATE_STATE_ROLLBACK_STARTED));
  t.true(
    await drive(h, () => Number(service(h).updateStatus?.state ?? 0) === Number(U.UPDATE_STATE_ROLLBACK_COMPLETED)),
  );
  t.is(running(live(h), "v1"), 2);
});

test("force update redeploys every task with an unchanged image", async (t) => {
  const h = setup(t);
  await deploy(h, 2, { parallelism: 0, monitorNs: 1e9 });
  const before = new Set(live(h).map((x) => x.id));
  await setImage(h, "v1", 1);
  t.true(await drive(h, () => Number(service(h).updateStatus?.state ?? 0) === Number(U.UPDATE_STATE_COMPLETED)));
  t.true(await drive(h, () => running(live(h)) === 2));
  t.true(live(h).every((x) => !before.has(x.id)));
});

test("an update cut off by a leader change is finished by the next supervisor", async (t) => {
  const h = setup(t);
  await deploy(h, 3, { parallelism: 1, monitorNs: 1e9, delayNs: 10e9 });
  await setImage(h, "v2");
  t.true(await drive(h, () => running(live(h), "v2") === 1, 5));
  h.supervisor.abort.abort();
  await drive(h, () => false, 5);
  t.true(running(live(h), "v1") >= 1, "the update stopped with the old leader");
  h.restartSupervisor();
  t.true(await drive(h, () => Number(service(h).updateStatus?.state ?? 0) === Number(U.UPDATE_STATE_COMPLETED)));
  t.is(running(live(h), "v2"), 3);
  t.is(live(h).length, 3);
});

test("a new task placed on a node that dies is replaced by the orchestrator and the update still completes", async (t) => {
  // The killed leader's node case: the update's new task lands on a node that dies before it runs;
  // the node goes DOWN, the orchestrator replaces the task, and the updater follows the replacement.
  const h = setup(t);
  const ready = swarm.v1.NodeStatus.State.STATE_READY;
  await h.store.update((tx) => {
    tx.create("node", { id: "n2", spec: { annotations: { name: "n2" } }, status: { state: ready } });
  });
  await deploy(h, 3, { parallelism: 1, monitorNs: 1e9 });
  h.nodes.placeOn = "n2";
  h.nodes.dead.add("n2");
  await setImage(h, "v2");
  t.true(
    await drive(h, () => live(h).some((x) => imageOf(x) === "v2" && x.nodeId === "n2"), 5),
    "a v2 task is stuck on n2",
  );
  h.nodes.placeOn = "n1";
  await h.store.update((tx) => {
    const n2 = tx.get("node", "n2")!;
    tx.update("node", { ...n2, status: { state: swarm.v1.NodeStatus.State.STATE_DOWN } });
  });
  t.true(
    await drive(h, () => Number(service(h).updateStatus?.state ?? 0) === Number(U.UPDATE_STATE_COMPLETED)),
    `update state ${Number(service(h).updateStatus?.state ?? 0)}`,
  );
  t.is(running(live(h), "v2"), 3);
  t.is(live(h).length, 3);
});

test("a start-first update that takes over a slot from an interrupted one stops the unstarted task at once", async (t) => {
  // The simulator's case: a start-first update's new task waits on a node that is not up yet when
  // the operator updates again. The new updater must keep only the running old task serving: with
  // the unstarted one kept too, the slot would hold three live tasks (and three running later).
  const h = setup(t);
  const ready = swarm.v1.NodeStatus.State.STATE_READY;
  await h.store.update((tx) => {
    tx.create("node", { id: "n2", spec: { annotations: { name: "n2" } }, status: { state: ready } });
  });
  await deploy(h, 1, { parallelism: 1, order: swarm.v1.UpdateConfig.Order.ORDER_START_FIRST, monitorNs: 1e9 });
  h.nodes.placeOn = "n2";
  h.nodes.dead.add("n2");
  await setImage(h, "v2");
  t.true(await drive(h, () => live(h).some((x) => imageOf(x) === "v2" && x.nodeId === "n2"), 5), "v2 waits on n2");
  h.nodes.placeOn = "n1";
  h.samples.length = 0;
  await setImage(h, "v3");
  t.true(await drive(h, () => Number(service(h).updateStatus?.state ?? 0) === Number(U.UPDATE_STATE_COMPLETED)));
  t.is(running(live(h), "v3"), 1);
  const unfinished = (sample: readonly Task[]): Task[] =>
    sample.filter((x) => Number(x.status?.state ?? 0) <= Number(S.TASK_STATE_RUNNING));
  for (const sample of h.samples) t.true(unfinished(sample).length <= 2, `${unfinished(sample).length} live tasks`);
});

test("a start-first update writes the task it keeps serving, so a refill of the slot read before it conflicts", async (t) => {
  // The simulator's case: the orchestrator read the slot before the update's new task committed
  // (the old task's node was drained) and refilled it with a second task of the new spec. The
  // store checks the versions of the objects a transaction writes, so the update must write the
  // old task too for the refill, which stops that task, to fail and be decided again.
  const h = setup(t);
  const ready = swarm.v1.NodeStatus.State.STATE_READY;
  await h.store.update((tx) => {
    tx.create("node", { id: "n2", spec: { annotations: { name: "n2" } }, status: { state: ready } });
  });
  await deploy(h, 1, { parallelism: 1, order: swarm.v1.UpdateConfig.Order.ORDER_START_FIRST, monitorNs: 1e9 });
  const [serving] = live(h);
  h.nodes.placeOn = "n2";
  h.nodes.dead.add("n2");
  await setImage(h, "v2");
  t.true(await drive(h, () => live(h).some((x) => imageOf(x) === "v2" && x.nodeId === "n2"), 5), "v2 waits on n2");
  const refill = h.store.update((tx) => {
    tx.update("task", { ...serving!, desiredState: S.TASK_STATE_SHUTDOWN });
    tx.create("task", { ...serving!, id: "refill", spec: { container: { image: "v2" } } });
  });
  await t.throwsAsync(refill, { instanceOf: SequenceConflictError });
  t.is(live(h).filter((x) => imageOf(x) === "v2").length, 1);
});

test("a start-first update that takes over a slot whose stop-first task waits tells that task to run", async (t) => {
  // The simulator's case: a stop-first update's new task waits (desired READY) for the old one to
  // stop when leadership changes, and the update the next leader resumes is start-first (the
  // operator changed the order, or a rollback's order differs). It reuses the waiting task, and
  // must tell it to run, as start-first waits for no old task to stop.
  const h = setup(t);
  const ready = swarm.v1.NodeStatus.State.STATE_READY;
  await h.store.update((tx) => {
    tx.create("node", { id: "n2", spec: { annotations: { name: "n2" } }, status: { state: ready } });
  });
  await deploy(h, 1, { parallelism: 1, order: swarm.v1.UpdateConfig.Order.ORDER_STOP_FIRST, monitorNs: 1e9 });
  h.nodes.dead.add("n1");
  h.nodes.placeOn = "n2";
  await setImage(h, "v2");
  const waiting = (): boolean =>
    live(h).some((x) => imageOf(x) === "v2" && Number(x.desiredState ?? 0) === Number(S.TASK_STATE_READY));
  t.true(await drive(h, waiting, 5), "the v2 task waits for the v1 task to stop");
  h.supervisor.abort.abort();
  await h.store.update((tx) => {
    const s = tx.get("service", "s1")!;
    tx.update("service", {
      ...s,
      spec: { ...s.spec, update: { ...s.spec?.update, order: swarm.v1.UpdateConfig.Order.ORDER_START_FIRST } },
    });
  });
  h.restartSupervisor();
  t.true(await drive(h, () => running(live(h), "v2") === 1, 20), "the waiting v2 task runs");
});

test("an updater whose first write is dropped is started again only after a pause, not in a loop that stops time", async (t) => {
  // A leader handing leadership on drops every proposal until the transfer ends, and the transfer
  // ends only as time moves: an updater started again at once after each drop would keep the
  // leader busy for good on a simulated clock (and spin on a real one).
  const clock = new FakeClock();
  const store = new MemoryStore({ clock });
  let index = 0;
  store.setProposer({ propose: (data) => Promise.resolve(store.apply(data, ++index)) });
  await store.update((tx) => {
    tx.create("service", {
      id: "s1",
      spec: { annotations: { name: "web" }, task: { container: { image: "v2" } }, replicated: { replicas: 1 } },
    });
    tx.create("task", {
      id: "old",
      serviceId: "s1",
      slot: 1,
      nodeId: "n1",
      spec: { container: { image: "v1" } },
      desiredState: S.TASK_STATE_RUNNING,
      status: { state: S.TASK_STATE_RUNNING },
    });
  });
  let dropped = 0;
  store.setProposer({
    propose: () => {
      dropped++;
      return Promise.reject(new ProposalDroppedError("leadership transfer in progress"));
    },
  });
  const abort = new AbortController();
  t.teardown(() => abort.abort());
  void new UpdateSupervisor(store, { clock }).run(abort.signal);
  await settle();
  t.is(dropped, 1, "one updater's write, then a pause");
  clock.advance(writeRetryMsMin);
  await settle();
  t.is(dropped, 2, "the service is looked at again once the pause is over");
});

/**
 * Runs a stop-first update at parallelism 2 over two slots (or two nodes, global) whose first new
 * task fails, pausing the update, while the second slot's old task is on n2, whose agent does not
 * answer: that slot's new task waits (desired READY) for the old one to stop when the pause lands.
 */
async function pauseWithSlotInFlight(h: Harness, global: boolean): Promise<void> {
  await h.store.update((tx) => {
    tx.create("node", {
      id: "n2",
      spec: { annotations: { name: "n2" } },
      status: { state: swarm.v1.NodeStatus.State.STATE_READY },
    });
  });
  const update = { parallelism: 2, monitorNs: 5e9 };
  if (global) {
    await h.store.update((tx) =>
      tx.create("service", {
        id: "s1",
        spec: { annotations: { name: "web" }, task: { container: { image: "v1" } }, global: {}, update },
      }),
    );
    await drive(h, () => running(live(h), "v1") === 2);
  } else {
    await deploy(h, 2, update);
    await h.store.update((tx) => {
      const old = tx.tasks({ serviceId: "s1" }).find((x) => x.slot === 2)!;
      tx.update("task", { ...old, nodeId: "n2" });
    });
  }
  h.nodes.dead.add("n2");
  h.failing.set("v2", 1);
  await setImage(h, "v2");
  await drive(h, () => Number(service(h).updateStatus?.state ?? 0) === Number(U.UPDATE_STATE_PAUSED), 10);
}

const waitingOnN2 = (h: Harness): boolean =>
  live(h).some(
    (x) => imageOf(x) === "v2" && Number(x.desiredState ?? 0) === Number(S.TASK_STATE_READY) && x.slot !== 1,
  );

for (const [kind, global] of [
  ["replicated", false],
  ["global", true],
] as const) {
  test(`a ${kind} stop-first slot begun when a failure pauses the update gets its new task started once its old task stops`, async (t) => {
    // The simulator's case: the supervisor cancelled the paused update's updater, which was
    // waiting for the slot's old task to stop, and nothing ever told the new task to run: the
    // service stayed one task short for good. Docker's updater finishes the slots it has in flight.
    const h = setup(t);
    await pauseWithSlotInFlight(h, global);
    t.is(Number(service(h).updateStatus?.state ?? 0), Number(U.UPDATE_STATE_PAUSED));
    t.true(waitingOnN2(h), "the second slot's new task waits for its old task to stop");
    h.revive("n2");
    t.true(await drive(h, () => running(live(h)) === 2, 30), `${running(live(h))} running`);
    t.is(live(h).length, 2);
    t.is(running(live(h), "v2"), 2, "the failed task's restart runs too");
    t.is(Number(service(h).updateStatus?.state ?? 0), Number(U.UPDATE_STATE_PAUSED), "the update stays paused");
  });

  test(`a ${kind} slot a paused update began is finished by the next leader's supervisor`, async (t) => {
    // As above, with leadership changing between the pause and the old task's stop: the next
    // leader's supervisor leaves the paused update alone but for the task it left waiting.
    const h = setup(t);
    await pauseWithSlotInFlight(h, global);
    t.true(waitingOnN2(h), "the second slot's new task waits for its old task to stop");
    h.restartSupervisor();
    await settle();
    h.revive("n2");
    t.true(await drive(h, () => running(live(h)) === 2, 30), `${running(live(h))} running`);
    t.is(live(h).length, 2);
    t.is(Number(service(h).updateStatus?.state ?? 0), Number(U.UPDATE_STATE_PAUSED), "the update stays paused");
  });
}

test("a paused update resumed with the same spec updates the slots left, after finishing the one begun", async (t) => {
  // `docker service update` with no change clears a pause, and the update goes on from where it
  // stopped: the supervisor replaces the updater that only finished the begun slot by a whole one.
  const h = setup(t);
  await pauseWithSlotInFlight(h, false);
  h.restartSupervisor();
  await settle();
  await h.store.update((tx) => {
    const s = tx.get("service", "s1")!;
    const { updateStatus: _paused, ...rest } = s;
    tx.update("service", rest);
  });
  h.revive("n2");
  t.true(
    await drive(h, () => Number(service(h).updateStatus?.state ?? 0) === Number(U.UPDATE_STATE_COMPLETED), 30),
    `update state ${Number(service(h).updateStatus?.state ?? 0)}`,
  );
  t.true(await drive(h, () => running(live(h), "v2") === 2, 30));
  t.is(live(h).length, 2);
});

test("an updater left running when its service is paused begins no other slot", async (t) => {
  // The supervisor leaves a paused service's updater running to finish the slots it began; a pause
  // it did not write itself (a previous leader's, committed late) must stop it all the same.
  const h = setup(t);
  await deploy(h, 3, { parallelism: 1, monitorNs: 1e9, delayNs: 10e9 });
  await setImage(h, "v2");
  t.true(await drive(h, () => running(live(h), "v2") === 1, 5));
  await h.store.update((tx) => {
    const s = tx.get("service", "s1")!;
    tx.update("service", { ...s, updateStatus: { ...s.updateStatus, state: U.UPDATE_STATE_PAUSED } });
  });
  await drive(h, () => false, 30);
  t.is(running(live(h), "v1"), 2, "two slots keep the old spec while paused");
  t.is(live(h).length, 3);
});
