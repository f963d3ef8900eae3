// Shared set-up of the worker end-to-end tests: one in-process Manager on a loopback address, real
// agents with the Docker executor (on the real dockerd) or the process executor, a typed way to
// call Control, and a view of what the runtime really runs, so each test file states only its
// scenario. Everything a cluster made here creates is removed in the test's teardown.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ExecutionContext } from "ava";
import Docker from "dockerode";
import { claimLoopbackBlock, waitFor } from "../../common/index.js";
import { Manager } from "../../manager/index.js";
import { type ControlMethod, type ControlRequest, type ControlResponse, swarm } from "../../proto/index.js";
import { freePort } from "../../raft/index.js";
import { Agent, DockerExecutor, type Executor, labelKeys, ProcessExecutor } from "../../worker/index.js";
import { callControl, controlClient } from "../bench/control-call.js";

const S = swarm.v1.TaskState;

/** Which executor the agents of a scenario use. */
export type ExecutorKind = "docker" | "process";

/** Raft tick of the test manager: short, so elections and commits take milliseconds. */
export const e2eTickMs = 20;
/** Status flush period of the test agents: short, so the manager sees transitions at once. */
export const e2eStatusFlushMs = 20;
/** Longest wait for a task state the tests expect. */
export const e2eWaitMsMax = 45_000;
/** Poll period of the runtime probes. */
export const e2ePollMs = 50;

/** A manager and the agents of one test, with the helpers the scenarios need. */
export interface E2eCluster {
  /** The executor every agent uses. */
  readonly kind: ExecutorKind;
  /** The manager (in-process, leading). */
  readonly manager: Manager;
  /** The manager's address. */
  readonly addr: string;
  /** Scratch directory of the test (state dirs of the manager and agents). */
  readonly dir: string;
  /** Calls a unary Control method by name. */
  control<M extends ControlMethod>(method: M, request: ControlRequest<M>): Promise<ControlResponse<M>>;
  /** Starts (or restarts) the agent of `nodeId`, its state dir under `dir`; it is stopped in teardown. */
  startAgent(nodeId: string): Promise<Agent>;
  /** Creates a service; returns its id. Its containers or processes are removed in teardown. */
  createService(spec: swarm.v1.IServiceSpec): Promise<string>;
  /** The service's tasks as the manager's store holds them. */
  tasks(serviceId: string): swarm.v1.Task.$Properties[];
  /** The service's tasks observed RUNNING and still desired RUNNING. */
  runningTasks(serviceId: string): swarm.v1.Task.$Properties[];
  /** Sets the service's replica count. */
  scale(serviceId: string, replicas: number): Promise<void>;
  /** Ids (container ids, or task ids for processes) of what the runtime really runs for the service, on one node or all. */
  instances(serviceId: string, nodeId?: string): Promise<string[]>;
  /** Kills one instance (an id from {@link E2eCluster.instances}) from outside the agent, as a crash would. */
  kill(instanceId: string): Promise<void>;
}

/** Number of a protobuf enum field, 0 when unset. */
export const num = (x: number | null | undefined): number => Number(x ?? 0);

/** Whether a task is observed RUNNING and still desired RUNNING. */
export function isRunning(task: swarm.v1.Task.$Properties): boolean {
  return (
    num(task.status?.state) === Number(S.TASK_STATE_RUNNING) && num(task.desiredState) === Number(S.TASK_STATE_RUNNING)
  );
}

/** waitFor with the end-to-end tests' deadline and pause: polls `probe` (which may be async) until it returns a value. */
export async function poll<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
  timeoutMs = e2eWaitMsMax,
): Promise<T> {
  return waitFor(what, probe, { timeoutMs, pollMs: e2ePollMs });
}

const docker = new Docker();

/** A loopback address of a block claimed for this test, released after it. */
export async function claimTestAddr(t: ExecutionContext): Promise<string> {
  const block = await claimLoopbackBlock(`test ${t.title}`);
  t.teardown(() => block.release());
  return block.addr(1);
}

/**
 * Starts a leading manager on a loopback address of a block claimed for this test, and registers
 * the teardown of everything made for it.
 */
export async function startCluster(t: ExecutionContext, kind: ExecutorKind): Promise<E2eCluster> {
  const block = await claimLoopbackBlock(`e2e ${t.title}`);
  t.teardown(() => block.release());
  const dir = mkdtempSync(join(tmpdir(), `swarm-e2e-${kind}-`));
  const ip = block.addr(1);
  const addr = `${ip}:${await freePort(ip)}`;
  const manager = await Manager.start({
    id: 1,
    dir: join(dir, "manager"),
    addr,
    bootstrap: new Map([[1, addr]]),
    tickMs: e2eTickMs,
  });
  const client = controlClient(addr);
  const agents = new Map<string, Agent>();
  // One executor per node for the whole test, so a restarted agent sees what the first one made.
  const executors = new Map<string, Executor>();
  const serviceNames = new Set<string>();
  const executorOf = (nodeId: string): Executor => {
    let executor = executors.get(nodeId);
    if (!executor) {
      executor =
        kind === "docker" ? new DockerExecutor() : new ProcessExecutor({ stateDir: join(dir, `executor-${nodeId}`) });
      executors.set(nodeId, executor);
    }
    return executor;
  };
  const control = <M extends ControlMethod>(method: M, request: ControlRequest<M>): Promise<ControlResponse<M>> =>
    callControl(client, method, request);
  const tasks = (serviceId: string): swarm.v1.Task.$Properties[] => manager.store.view((tx) => tx.tasks({ serviceId }));
  const serviceName = (serviceId: string): string =>
    manager.store.view((tx) => tx.get("service", serviceId))?.spec?.annotations?.name ?? "";
  t.teardown(async () => {
    for (const agent of agents.values()) await agent.stop();
    client.close();
    await manager.stop();
    // Stopped tasks keep their containers and task directories; whatever the test made goes now.
    for (const name of serviceNames) {
      const left = await docker
        .listContainers({ all: true, filters: { label: [`${labelKeys.serviceName}=${name}`] } })
        .catch(() => []);
      await Promise.all(
        left.map((c) =>
          docker
            .getContainer(c.Id)
            .remove({ force: true, v: true })
            .catch(() => undefined),
        ),
      );
    }
    for (const executor of executors.values()) {
      if (!(executor instanceof ProcessExecutor)) continue;
      for (const owned of await executor.list()) await executor.removeOwned(owned.containerId).catch(() => undefined);
      executor.close();
    }
    rmSync(dir, { recursive: true, force: true });
  });
  await waitFor("the leader", () => (manager.isLeading ? true : undefined));
  const cluster: E2eCluster = {
    kind,
    manager,
    addr,
    dir,
    control,
    startAgent: async (nodeId) => {
      await agents.get(nodeId)?.stop();
      const agent = await Agent.start({
        stateDir: join(dir, `agent-${nodeId}`),
        nodeId,
        managers: [addr],
        executor: executorOf(nodeId),
        statusFlushMs: e2eStatusFlushMs,
        log: (event, fields) => process.env.E2E_LOG && console.error(event, JSON.stringify(fields)),
      });
      agents.set(nodeId, agent);
      return agent;
    },
    createService: async (spec) => {
      serviceNames.add(spec.annotations?.name ?? "");
      const created = await control("createService", { spec });
      return created.service.id;
    },
    tasks,
    runningTasks: (serviceId) => tasks(serviceId).filter(isRunning),
    scale: async (serviceId, replicas) => {
      const { service } = await control("getService", { serviceId });
      await control("updateService", {
        serviceId,
        serviceVersion: service.meta?.version ?? {},
        spec: { ...service.spec, replicated: { replicas } },
      });
    },
    instances: async (serviceId, nodeId) => {
      if (kind === "docker") {
        const label = [
          `${labelKeys.serviceName}=${serviceName(serviceId)}`,
          ...(nodeId === undefined ? [] : [`${labelKeys.nodeId}=${nodeId}`]),
        ];
        return (await docker.listContainers({ filters: { label, status: ["running"] } })).map((c) => c.Id);
      }
      // A process task's directory is named after its task id; its shim alive means it runs.
      const ids = new Set(tasks(serviceId).map((x) => x.id));
      const running: string[] = [];
      for (const [node, executor] of executors) {
        if (nodeId !== undefined && node !== nodeId) continue;
        for (const owned of await executor.list())
          if (owned.running && ids.has(owned.taskId)) running.push(owned.taskId);
      }
      return running;
    },
    kill: async (instanceId) => {
      if (kind === "docker") {
        await docker.getContainer(instanceId).kill({ signal: "SIGKILL" });
        return;
      }
      const pid = num(manager.store.view((tx) => tx.get("task", instanceId))?.status?.container?.pid);
      if (pid <= 0) throw new Error(`task ${instanceId} reported no pid`);
      // The shim leads the task's process group: the whole task dies, and no exit code is written.
      process.kill(-pid, "SIGKILL");
    },
  };
  return cluster;
}
