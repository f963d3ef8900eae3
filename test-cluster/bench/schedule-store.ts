// The scheduling benchmark through the store: the leader's real components (TaskAllocator and
// TaskScheduler, plus the ServiceOrchestrator when starting from services) run against a
// MemoryStore whose proposer applies each entry at once (no raft, no disk), as the unit tests do.
// The workload is the planner benchmark's (same generator and seed), turned into store objects.
import {
  generateSchedulingWorkload,
  type LeaderComponent,
  MemoryStore,
  newTask,
  type PendingTask,
  pendingSchedulingMessage,
  ServiceOrchestrator,
  TaskAllocator,
  TaskScheduler,
} from "../../manager/index.js";
import { swarm } from "../../proto/index.js";
import { nodeFromView, serviceFromPending } from "./bench-objects.js";

/** Objects per store transaction while loading the workload. */
export const loadObjectsPerTransaction = 2_000;
/** Longest run before the benchmark gives up. */
export const storeSchedulingMsMax = 600_000;

/** Where the run starts: NEW tasks already created (allocator + scheduler), or services only (orchestrator too). */
export type StoreSchedulingStart = "tasks" | "services";

/** Result of one run. */
export interface StoreSchedulingResult {
  /** Where the run started. */
  readonly start: StoreSchedulingStart;
  /** Tasks the run had to handle. */
  readonly tasks: number;
  /** Tasks assigned to a node. */
  readonly assigned: number;
  /** Tasks left pending with the planner's reason. */
  readonly unplaced: number;
  /** Time from starting the components until every task was assigned or left with a reason. */
  readonly elapsedMs: number;
  /** Assigned tasks per second. */
  readonly perSecond: number;
  /**
   * CPU time (user and system) the process spent over elapsedMs, ms: on a machine shared with
   * other work, wall time stretches with the load and CPU time far less, so it compares runs.
   */
  readonly cpuMs: number;
  /**
   * Time the event loop waited with nothing to run over elapsedMs, ms: the components waiting on
   * their timers (the scheduler's debounce) rather than working.
   */
  readonly loopIdleMs: number;
  /** Time to load the workload into the store (not measured in perSecond). */
  readonly loadMs: number;
  /** Scheduler passes. */
  readonly schedulerPasses: number;
  /** Store entries applied during the run. */
  readonly entries: number;
  /** From the start to the first commit that made tasks PENDING (the allocator's). */
  readonly firstPendingMs: number;
  /** From the start to the first commit that assigned tasks (the scheduler's first batch). */
  readonly firstAssignedMs: number;
  /** process.memoryUsage().heapUsed once the workload was loaded, before the components ran. */
  readonly heapAfterLoadBytes: number;
  /** process.memoryUsage().rss at the end. */
  readonly rssBytes: number;
  /** process.memoryUsage().heapUsed at the end. */
  readonly heapUsedBytes: number;
}

const State = swarm.v1.TaskState;
/** The allocator's message on the tasks it hands to the scheduler; anything else on a PENDING task is the planner's reason. */
const allocatedMessage = pendingSchedulingMessage;

/** Loads the workload into a fresh store, runs the components until every task is settled, and measures. */
export async function runStoreScheduling(options: {
  start: StoreSchedulingStart;
  nodes: number;
  services: number;
  tasks: number;
  seed: number;
}): Promise<StoreSchedulingResult> {
  const { view, pending } = generateSchedulingWorkload({
    nodes: options.nodes,
    services: options.services,
    tasks: options.tasks,
    seed: options.seed,
  });
  const store = new MemoryStore();
  let index = 0;
  store.setProposer({ propose: (data) => Promise.resolve(store.apply(data, ++index)) });
  const t0 = performance.now();
  for (let i = 0; i < view.nodes.length; i += loadObjectsPerTransaction) {
    const chunk = view.nodes.slice(i, i + loadObjectsPerTransaction);
    await store.update((tx) => chunk.forEach((n) => tx.create("node", nodeFromView(n))));
  }
  const byService = new Map<string, PendingTask[]>();
  for (const task of pending) {
    const list = byService.get(task.serviceId);
    if (list) list.push(task);
    else byService.set(task.serviceId, [task]);
  }
  await store.update((tx) => {
    for (const list of byService.values()) tx.create("service", serviceFromPending(list[0]!, list.length));
  });
  if (options.start === "tasks") {
    // The tasks as the orchestrator creates them, one per slot, desired RUNNING, but NEW (as it
    // creates tasks that need an address), so that the allocator's pass is part of the row.
    const now = Date.now();
    const slots = store
      .view((tx) => tx.all("service"))
      .flatMap((s) =>
        Array.from({ length: s.spec?.replicated?.replicas ?? 0 }, (_, i) => ({ service: s, slot: i + 1 })),
      );
    for (let i = 0; i < slots.length; i += loadObjectsPerTransaction) {
      const chunk = slots.slice(i, i + loadObjectsPerTransaction);
      await store.update((tx) =>
        chunk.forEach(({ service, slot }) => {
          const task = newTask(service, slot, `task-${service.id ?? ""}-${slot}`, now);
          tx.create("task", { ...task, status: { ...task.status, state: State.TASK_STATE_NEW, message: "created" } });
        }),
      );
    }
  }
  const loadMs = performance.now() - t0;
  const firstEntry = index;
  const heapAfterLoadBytes = process.memoryUsage().heapUsed;
  let started = 0;
  let firstPendingMs = Number.NaN;
  let firstAssignedMs = Number.NaN;

  // Settled tasks are followed from the commits, so the check costs nothing per pass.
  const settled = new Map<string, "assigned" | "unplaced">();
  let assigned = 0;
  let unplaced = 0;
  let onSettled: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (onSettled = resolve));
  const classify = (task: swarm.v1.Task.$Properties): "assigned" | "unplaced" | null => {
    const state = task.status?.state ?? State.TASK_STATE_NEW;
    if (state >= State.TASK_STATE_ASSIGNED) return "assigned";
    if (state === State.TASK_STATE_PENDING && task.status?.message && task.status.message !== allocatedMessage)
      return "unplaced";
    return null;
  };
  const unwatch = store.watch((commit) => {
    for (const e of commit.events) {
      if (e.kind !== "task") continue;
      const id = e.object.id ?? "";
      const before = settled.get(id);
      const now = e.action === "remove" ? null : classify(e.object as swarm.v1.Task.$Properties);
      if (
        Number.isNaN(firstPendingMs) &&
        (e.object as swarm.v1.Task.$Properties).status?.state === State.TASK_STATE_PENDING
      )
        firstPendingMs = performance.now() - started;
      if (Number.isNaN(firstAssignedMs) && now === "assigned") firstAssignedMs = performance.now() - started;
      if (before === now) continue;
      if (before === "assigned") assigned--;
      if (before === "unplaced") unplaced--;
      if (now === "assigned") assigned++;
      if (now === "unplaced") unplaced++;
      if (now) settled.set(id, now);
      else settled.delete(id);
    }
    if (assigned + unplaced >= options.tasks) onSettled();
  });
  const scheduler = new TaskScheduler(store);
  const components: LeaderComponent[] = [
    ...(options.start === "services" ? [new ServiceOrchestrator(store)] : []),
    new TaskAllocator(store),
    scheduler,
  ];
  const leadership = new AbortController();
  started = performance.now();
  const cpuAtStart = process.cpuUsage();
  const loopAtStart = performance.eventLoopUtilization();
  const runs = components.map((c) => c.run(leadership.signal));
  const timeout = new Promise<never>((_, reject) =>
    setTimeout(
      () =>
        reject(new Error(`not settled within ${storeSchedulingMsMax} ms: ${assigned} assigned, ${unplaced} unplaced`)),
      storeSchedulingMsMax,
    ).unref(),
  );
  await Promise.race([done, timeout]);
  const elapsedMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuAtStart);
  const loop = performance.eventLoopUtilization(loopAtStart);
  leadership.abort();
  await Promise.all(runs);
  unwatch();
  const memory = process.memoryUsage();
  return {
    start: options.start,
    tasks: options.tasks,
    assigned,
    unplaced,
    elapsedMs,
    perSecond: (assigned / elapsedMs) * 1000,
    cpuMs: (cpu.user + cpu.system) / 1000,
    loopIdleMs: loop.idle,
    loadMs,
    firstPendingMs,
    firstAssignedMs,
    heapAfterLoadBytes,
    schedulerPasses: scheduler.passCount,
    entries: index - firstEntry,
    rssBytes: memory.rss,
    heapUsedBytes: memory.heapUsed,
  };
}
