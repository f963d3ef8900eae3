// A simulated worker node: the real Agent (session, task controllers, status reporter) over the
// fake executor, an in-memory task database and task files, talking to the managers through the
// simulated dispatcher link. A crash kills the agent's clock and connections; what survives is a
// copy of its task database (the disk) and of its engine's containers — all still running after an
// agent crash, all exited after a machine reboot. The crashed agent may still finish what it had
// begun, but only on its own copies, which nothing reads again.
import { type FakeClock, SeededRandom } from "../../common/index.js";
import { swarm } from "../../proto/index.js";
import {
  Agent,
  FakeEngineState,
  FakeExecutor,
  fakeKillExitCode,
  MemoryTaskDb,
  MemoryTaskFiles,
} from "../../worker/index.js";
import { type LinkWorld, SimConnection } from "./dispatcher-link.js";
import { MemberClock } from "./member-clock.js";

/** Status flush period of simulated agents, ms (the real default's order). */
export const simStatusFlushMs = 100;

/** How a job's task runs on a simulated engine: it exits on its own after a while. */
export interface JobRunDraw {
  /** How long the container runs, ms. */
  readonly afterMs: number;
  /** The code it exits with (0: the task completes; else it fails and its restart policy decides). */
  readonly exitCode: number;
}

/** One simulated worker node. */
export class SimWorker {
  /** The running agent, or null while the node is down or starting. */
  agent: Agent | null = null;
  /** The current incarnation's engine. */
  engine = new FakeEngineState();
  /** The current incarnation's executor (the world makes its tasks exit or fail through it). */
  executor: FakeExecutor;
  /** The current incarnation's task files. */
  files = new MemoryTaskFiles();
  /** Down until this time, then restarted. */
  downUntilMs = 0;
  /** Partitioned from every manager until this time. */
  isolatedUntilMs = 0;
  private db = new MemoryTaskDb();
  private clock: MemberClock;
  private connections = new Set<SimConnection>();
  private incarnation = 0;

  constructor(
    /** The node's id (its agent names itself with it). */
    readonly nodeId: string,
    private readonly base: FakeClock,
    private readonly world: LinkWorld,
    /** The managers' addresses the node knows of when an agent starts. */
    private readonly managers: () => readonly string[],
    private readonly seed: number,
    /** Its engine labels (the zone). */
    readonly labels: Readonly<Record<string, string>>,
    /** Called with every new incarnation's executor (a test's injected bug changes it). */
    private readonly onExecutor: (executor: FakeExecutor) => void = () => undefined,
    /** Draws how a job task's container runs when it starts (a job's tasks run to completion). */
    private readonly jobRun: () => JobRunDraw = () => ({ afterMs: 1_000, exitCode: 0 }),
  ) {
    this.clock = new MemberClock(base);
    this.executor = this.newExecutor();
  }

  /** Whether the node is up (its agent started or starting). */
  get up(): boolean {
    return !this.clock.dead;
  }

  /** Starts an agent on what the last incarnation left. */
  boot(): void {
    this.incarnation++;
    this.clock = new MemberClock(this.base);
    this.executor = this.newExecutor();
    const clock = this.clock;
    const incarnation = this.incarnation;
    void Agent.start({
      stateDir: `/sim/${this.nodeId}`,
      nodeId: this.nodeId,
      managers: this.managers(),
      executor: this.executor,
      hostname: this.nodeId,
      labels: this.labels,
      nodeAddr: `${this.nodeId}.sim`,
      statusFlushMs: simStatusFlushMs,
      localSubnets: () => [],
      log: () => undefined,
      clock,
      random: new SeededRandom(this.seed * 7919 + this.incarnation * 131 + this.nodeId.length),
      taskDb: this.db,
      taskFiles: this.files,
      connect: (addr) => {
        const connection = new SimConnection(this.world, clock, this.nodeId, addr);
        this.connections.add(connection);
        return connection;
      },
    }).then((agent) => {
      if (this.incarnation === incarnation && !clock.dead) this.agent = agent;
    });
  }

  /**
   * Crashes the node: the agent's timers and connections die. After a reboot the containers are
   * gone too (exited, as a machine's are); after an agent crash they run on.
   */
  crash(reboot: boolean, downMs: number): void {
    this.clock.kill();
    for (const c of this.connections) c.kill();
    this.connections = new Set();
    this.agent = null;
    this.downUntilMs = this.base.now() + downMs;
    this.db = this.db.copy();
    const engine = new FakeEngineState();
    for (const [taskId, c] of this.engine.containers) {
      const copy = { ...c };
      if (reboot && copy.running) {
        copy.running = false;
        copy.exitCode = fakeKillExitCode;
        delete copy.pid;
      }
      engine.containers.set(taskId, copy);
    }
    this.engine = engine;
    // Tmpfs files do not survive a reboot; the agent writes them again for the tasks it adopts.
    this.files = new MemoryTaskFiles();
  }

  /** Task ids whose containers run now, by task id. */
  running(): string[] {
    return [...this.engine.containers.values()].filter((c) => c.running).map((c) => c.taskId);
  }

  private newExecutor(): FakeExecutor {
    const executor = new FakeExecutor({
      state: this.engine,
      clock: this.clock,
      description: {
        hostname: this.nodeId,
        platform: { os: "linux", architecture: "x86_64" },
        resources: { nanoCpus: 4e9, memoryBytes: 8 * 2 ** 30 },
        engine: { engineVersion: "sim", labels: {} },
      },
    });
    this.runJobsToCompletion(executor);
    this.onExecutor(executor);
    return executor;
  }

  /**
   * A job's task (one that names its job iteration) exits on its own a drawn time after its
   * container starts. The timer runs on the base clock, as the container outlives an agent crash;
   * it acts on the container in whichever engine holds it then, and only while that very container
   * still runs (a reboot has stopped it, a stop may have come first).
   */
  private runJobsToCompletion(executor: FakeExecutor): void {
    const runtime = executor.runtime.bind(executor);
    executor.runtime = (context) => {
      const r = runtime(context);
      if (context.task.jobIteration == null) return r;
      const taskId = context.task.id ?? "";
      const start = r.start.bind(r);
      r.start = async () => {
        const wasStarted = executor.state.containers.get(taskId)?.started === true;
        await start();
        // A crashed agent's late start acts on its own copy of the engine, which nothing reads again.
        const container = executor.state.containers.get(taskId);
        if (wasStarted || !container?.running || executor.state !== this.engine) return;
        const { afterMs, exitCode } = this.jobRun();
        const containerId = container.containerId;
        this.base.after(afterMs, () => {
          const now = this.engine.containers.get(taskId);
          if (now?.running && now.containerId === containerId) {
            now.running = false;
            now.exitCode = exitCode;
            delete now.pid;
            this.engine.changed();
          }
        });
      };
      return r;
    };
  }
}

/** The task state names, for traces. */
export function stateOf(task: { status?: { state?: number | null } | null }): string {
  return (swarm.v1.TaskState[Number(task.status?.state ?? 0)] ?? "?").replace("TASK_STATE_", "");
}
