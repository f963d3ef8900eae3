// Goal: the worker's behaviour through the whole cluster (manager, real agents, real runtime), each
// scenario with the Docker executor on the real dockerd and with the process executor: a drained
// node's tasks move to the other node; a task whose healthcheck fails is replaced; the stop grace
// period is respected (a TERM trap may finish its work; a task ignoring TERM is killed after it).
import { join } from "node:path";
import test, { type ExecutionContext } from "ava";
import { swarm } from "../../proto/index.js";
import { type Agent, ensureEngine, testImage } from "../../worker/index.js";
import { type ExecutorKind, type E2eCluster, num, poll, startCluster } from "./e2e-support.js";

const S = swarm.v1.TaskState;

/** One status an agent recorded, with when the test saw it. */
interface Seen {
  readonly taskId: string;
  readonly state: number;
  readonly err: string;
  readonly exitCode: number;
  readonly containerId: string;
  readonly atMs: number;
}

/** Records every status the agent reports, in order. */
function record(agent: Agent): Seen[] {
  const seen: Seen[] = [];
  agent.onStatus((taskId, status) =>
    seen.push({
      taskId,
      state: num(status.state),
      err: status.err ?? "",
      exitCode: num(status.container?.exitCode),
      containerId: status.container?.containerId ?? "",
      atMs: performance.now(),
    }),
  );
  return seen;
}

/**
 * A container spec running `script` under sh: in the test image with docker, the host's sh with
 * the process executor (the image names the program there). `tag` ends the command line, so a
 * task is recognisable in ps.
 */
function shell(kind: ExecutorKind, script: string, tag: string): swarm.v1.IContainerSpec {
  return kind === "docker"
    ? { image: testImage, command: ["sh", "-c", script, tag] }
    : { image: "process://sh", args: ["-c", script, tag] };
}

/** Waits until the node has registered and is READY. */
async function nodeReady(cluster: E2eCluster, nodeId: string): Promise<void> {
  await poll(`node ${nodeId} ready`, () =>
    num(cluster.manager.store.view((tx) => tx.get("node", nodeId))?.status?.state) ===
    Number(swarm.v1.NodeStatus.State.STATE_READY)
      ? true
      : undefined,
  );
}

async function drain(t: ExecutionContext, kind: ExecutorKind): Promise<void> {
  t.timeout(60_000);
  const cluster = await startCluster(t, kind);
  const [a, b] = [`drain-a-${kind}-${process.pid}`, `drain-b-${kind}-${process.pid}`];
  await cluster.startAgent(a);
  await cluster.startAgent(b);
  await nodeReady(cluster, a);
  await nodeReady(cluster, b);
  const serviceId = await cluster.createService({
    annotations: { name: `e2e-drain-${kind}-${process.pid}` },
    task: {
      container: { ...shell(kind, "exec sleep 86400", "drain"), stopGracePeriodNs: 2e9 },
      restart: { delayNs: 100e6 },
    },
    replicated: { replicas: 4 },
  });
  await poll("4 running tasks", () => (cluster.runningTasks(serviceId).length === 4 ? true : undefined));
  t.true(
    cluster.runningTasks(serviceId).some((x) => x.nodeId === a),
    "the tasks are spread over both nodes",
  );
  await poll("instances on A", async () => ((await cluster.instances(serviceId, a)).length > 0 ? true : undefined));

  const { node } = await cluster.control("getNode", { nodeId: a });
  await cluster.control("updateNode", {
    nodeId: a,
    nodeVersion: node.meta?.version ?? {},
    spec: { ...node.spec, availability: swarm.v1.NodeSpec.Availability.AVAILABILITY_DRAIN },
  });

  await poll("4 running tasks, all on B", () => {
    const running = cluster.runningTasks(serviceId);
    return running.length === 4 && running.every((x) => x.nodeId === b) ? true : undefined;
  });
  await poll(
    "A's instances gone",
    async () => ((await cluster.instances(serviceId, a)).length === 0 ? true : undefined),
    30_000,
  );
  t.deepEqual(await cluster.instances(serviceId, a), []);
  t.is((await cluster.instances(serviceId, b)).length, 4);
  t.false(
    cluster.tasks(serviceId).some((x) => x.nodeId === a && num(x.desiredState) <= Number(S.TASK_STATE_RUNNING)),
    "no task is desired running on the drained node",
  );
}

async function unhealthy(t: ExecutionContext, kind: ExecutorKind): Promise<void> {
  t.timeout(60_000);
  const cluster = await startCluster(t, kind);
  const agent = await cluster.startAgent(`health-${kind}-${process.pid}`);
  const seen = record(agent);
  // Healthy at first (the first check passes, so the task reaches RUNNING), unhealthy once a check has
  // passed: the check marks that it saw the file, and only then does the task remove it, so a loaded
  // machine that runs the first check late cannot miss the healthy phase.
  // The test image has no /tmp, hence a file in its root.
  const okFile = kind === "docker" ? "/ok" : `${cluster.dir}/ok-{{.Task.ID}}`;
  const serviceId = await cluster.createService({
    annotations: { name: `e2e-health-${kind}-${process.pid}` },
    task: {
      container: {
        ...shell(
          kind,
          'touch "$OK_FILE"; until [ -f "$OK_FILE.seen" ]; do sleep 0.1; done; sleep 1; rm -f "$OK_FILE"; exec sleep 86400',
          "health",
        ),
        env: [`OK_FILE=${okFile}`],
        healthcheck: {
          test: ["CMD-SHELL", 'test -f "$OK_FILE" && touch "$OK_FILE.seen"'],
          intervalNs: 300e6,
          timeoutNs: 5e9,
          retries: 2,
        },
        stopGracePeriodNs: 1e9,
      },
      restart: { delayNs: 100e6 },
    },
    replicated: { replicas: 1 },
  });
  const failed = await poll("an unhealthy task failed", () =>
    seen.find((s) => s.state === Number(S.TASK_STATE_FAILED)),
  );
  t.regex(failed.err, /unhealthy/);
  t.true(
    seen.some((s) => s.taskId === failed.taskId && s.state === Number(S.TASK_STATE_RUNNING)),
    "it was running before it turned unhealthy",
  );
  const slot = num(cluster.tasks(serviceId).find((x) => x.id === failed.taskId)?.slot);
  const replacement = await poll("a replacement running", () =>
    seen.find(
      (s) =>
        s.taskId !== failed.taskId &&
        s.state === Number(S.TASK_STATE_RUNNING) &&
        num(cluster.tasks(serviceId).find((x) => x.id === s.taskId)?.slot) === slot,
    ),
  );
  t.not(replacement.taskId, failed.taskId);
  // The unhealthy instance does not linger beside its replacement.
  const failedInstance = kind === "docker" ? failed.containerId : failed.taskId;
  await poll(
    "the unhealthy instance stopped",
    async () => (!(await cluster.instances(serviceId)).includes(failedInstance) ? true : undefined),
    20_000,
  );
}

async function stopGrace(t: ExecutionContext, kind: ExecutorKind): Promise<void> {
  t.timeout(60_000);
  const cluster = await startCluster(t, kind);
  const agent = await cluster.startAgent(`grace-${kind}-${process.pid}`);
  const seen = record(agent);
  // Each shell marks a file once its trap is installed, and its healthcheck passes only then: RUNNING
  // means the trap is in place before any signal comes, however slowly a loaded machine starts it.
  // (The test image has no /tmp, hence a file in its root there.)
  const trapped = (tag: string): { mark: string; healthcheck: swarm.v1.IHealthConfig } => {
    const mark = kind === "docker" ? `/trapped-${tag}` : join(cluster.dir, `trapped-${tag}`);
    return { mark, healthcheck: { test: ["CMD-SHELL", `test -f ${mark}`], intervalNs: 100e6, retries: 600 } };
  };
  const trap = trapped("grace-trap");
  const ignore = trapped("grace-ignore");
  // The trap finishes its work (3 s) within the grace period and exits 0: the trap's code, not 143 or 137.
  const trapping = await cluster.createService({
    annotations: { name: `e2e-grace-trap-${kind}-${process.pid}` },
    task: {
      container: {
        ...shell(kind, `trap 'sleep 3; exit 0' TERM; touch ${trap.mark}; sleep 86400 & wait`, "grace-trap"),
        healthcheck: trap.healthcheck,
        stopGracePeriodNs: 10e9,
      },
    },
    replicated: { replicas: 1 },
  });
  // TERM ignored: killed when the 1 s grace period ends.
  const ignoring = await cluster.createService({
    annotations: { name: `e2e-grace-ignore-${kind}-${process.pid}` },
    task: {
      container: {
        ...shell(kind, `trap '' TERM; touch ${ignore.mark}; sleep 86400 & wait`, "grace-ignore"),
        healthcheck: ignore.healthcheck,
        stopGracePeriodNs: 1e9,
      },
    },
    replicated: { replicas: 1 },
  });
  await poll("both running", () =>
    cluster.runningTasks(trapping).length === 1 && cluster.runningTasks(ignoring).length === 1 ? true : undefined,
  );
  const trapTask = cluster.runningTasks(trapping)[0]?.id ?? "";
  const ignoreTask = cluster.runningTasks(ignoring)[0]?.id ?? "";

  const stoppedAt = performance.now();
  await Promise.all([cluster.scale(trapping, 0), cluster.scale(ignoring, 0)]);
  const ended = (taskId: string): Seen | undefined =>
    seen.find((s) => s.taskId === taskId && s.state >= Number(S.TASK_STATE_COMPLETE));
  const trapEnd = await poll("the trapping task ended", () => ended(trapTask), 30_000);
  const ignoreEnd = await poll("the ignoring task ended", () => ended(ignoreTask), 30_000);

  t.true(
    [Number(S.TASK_STATE_COMPLETE), Number(S.TASK_STATE_SHUTDOWN)].includes(trapEnd.state),
    `trap: ${S[trapEnd.state]}`,
  );
  t.is(trapEnd.exitCode, 0, "the trap's exit code, not a kill's");
  t.true(
    trapEnd.atMs - stoppedAt >= 2_500,
    `the trap had its 3 s (ended after ${Math.round(trapEnd.atMs - stoppedAt)} ms)`,
  );

  t.is(ignoreEnd.exitCode, 137, "killed with SIGKILL");
  t.true(
    ignoreEnd.atMs - stoppedAt >= 800,
    `killed only after the grace period (${Math.round(ignoreEnd.atMs - stoppedAt)} ms)`,
  );
  t.true(
    ignoreEnd.atMs - stoppedAt < 9_000,
    `killed when the 1 s grace ended, long before the default 10 s (${Math.round(ignoreEnd.atMs - stoppedAt)} ms)`,
  );
}

test.before(async () => {
  await ensureEngine();
});

test("docker executor: a drained node's tasks move to the other node", (t) => drain(t, "docker"));
test("process executor: a drained node's tasks move to the other node", (t) => drain(t, "process"));
test("docker executor: a task whose healthcheck fails is replaced", (t) => unhealthy(t, "docker"));
test("process executor: a task whose healthcheck fails is replaced", (t) => unhealthy(t, "process"));
test("docker executor: the stop grace period lets a TERM trap finish, then kills", (t) => stopGrace(t, "docker"));
test("process executor: the stop grace period lets a TERM trap finish, then kills", (t) => stopGrace(t, "process"));
