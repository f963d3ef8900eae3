// The metrics of one node (`swarmd --metrics-addr`): the counters its manager part feeds, and gauges
// read at scrape time from whatever the node runs then (raft status, the store, the agent's tasks),
// so a scrape always describes the current manager part, even after a promotion or demotion.
import { realClock } from "../common/index.js";
import { type Labels, MetricsRegistry } from "../common/metrics/index.js";
import { type Manager, type ManagerMetrics, objectKinds } from "../manager/index.js";
import { swarm } from "../proto/index.js";
import type { Agent } from "../worker/index.js";
import type { NodeLog } from "./swarm-node.js";

/** Bucket bounds (seconds) of raft proposal latency: one fsync on loopback up to a slow election. */
export const proposalSecondsBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/** Bucket bounds (seconds) of scheduler passes: a few tasks up to 100,000 at once. */
export const schedulerPassSecondsBuckets = [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10];

/** What the gauges read at scrape time: the node's current parts (the manager part may come and go). */
export interface MetricsSource {
  readonly manager: Manager | null;
  readonly agent: Agent | null;
}

/** Above every task state's number: (state, desired) pairs are counted under `state × this + desired`. */
const taskStatesKeyBase = 1_024;

/** A task state's label value: `TASK_STATE_RUNNING` → `running`. */
export function taskStateLabel(state: number | null | undefined): string {
  const name: string | undefined = swarm.v1.TaskState[Number(state ?? 0)];
  return name ? name.replace(/^TASK_STATE_/, "").toLowerCase() : "unknown";
}

/** The metrics registry of one node, and the sinks its manager part and agent log feed. */
export class NodeMetrics {
  /** The families, for exposition. */
  readonly registry = new MetricsRegistry();
  /** Sinks to pass as the manager's `metrics` option (SwarmNodeOptions.metrics). */
  readonly manager: ManagerMetrics;
  private readonly agentReconnects = this.registry.counter(
    "swarm_agent_session_reconnects_total",
    "Sessions the agent opened again with a manager after its first one.",
  );
  private readonly eventLoopLag = this.registry.gauge(
    "nodejs_eventloop_lag_seconds",
    "Delay of a callback queued at scrape time (event-loop lag).",
  );
  private sessionsOpened = 0;
  private source: () => MetricsSource = () => ({ manager: null, agent: null });

  constructor() {
    const r = this.registry;
    const raft =
      (read: (status: ReturnType<Manager["raft"]["status"]>) => number) => (set: (value: number) => void) => {
        const manager = this.source().manager;
        if (manager) set(read(manager.raft.status()));
      };
    r.gauge("swarm_raft_term", "Current raft term of this manager.", { collect: raft((s) => s.term) });
    r.gauge("swarm_raft_commit_index", "Highest raft log index known committed.", { collect: raft((s) => s.commit) });
    r.gauge("swarm_raft_applied_index", "Highest raft log index applied to this manager's store.", {
      collect: raft((s) => s.applied),
    });
    r.gauge("swarm_raft_leader", "1 when this manager is the raft leader, else 0.", {
      collect: raft((s) => (s.role === "leader" ? 1 : 0)),
    });
    this.manager = {
      raftLeaderChanges: r.counter("swarm_raft_leader_changes_total", "Times this manager saw a new raft leader."),
      raftProposals: r.counter("swarm_raft_proposals_total", "Raft proposals made by this manager's store."),
      raftProposalBytes: r.counter(
        "swarm_raft_proposal_bytes_total",
        "Bytes of the raft proposals made by this manager's store.",
      ),
      raftProposalsFailed: r.counter(
        "swarm_raft_proposals_failed_total",
        "Raft proposals that failed (not leader, dropped, storage error).",
      ),
      raftProposalSeconds: r.histogram(
        "swarm_raft_proposal_commit_seconds",
        "Time from proposal to applied on this manager.",
        proposalSecondsBuckets,
      ),
      dispatcherHeartbeats: r.counter(
        "swarm_dispatcher_heartbeats_total",
        "Worker heartbeats the dispatcher answered.",
      ),
      dispatcherStatusUpdates: r.counter(
        "swarm_dispatcher_status_updates_total",
        "Task status updates workers sent the dispatcher.",
      ),
      placements: r.counter("swarm_scheduler_placements_total", "Tasks the scheduler assigned to a node."),
      passSeconds: r.histogram(
        "swarm_scheduler_pass_seconds",
        "Duration of scheduling passes that had tasks to place.",
        schedulerPassSecondsBuckets,
      ),
    };
    r.gauge("swarm_store_objects", "Objects in this manager's store, by kind.", {
      labelNames: ["kind"],
      collect: (set) => {
        const manager = this.source().manager;
        if (!manager) return;
        const counts = manager.store.view((tx) => objectKinds.map((kind) => [kind, tx.count(kind)] as const));
        for (const [kind, count] of counts) set(count, { kind });
      },
    });
    r.gauge("swarm_store_tasks", "Tasks in this manager's store, by observed and desired state.", {
      labelNames: ["state", "desired"],
      collect: (set) => this.collectTasks(set),
    });
    r.gauge("swarm_dispatcher_sessions", "Worker sessions the dispatcher holds (leader).", {
      collect: (set) => {
        const manager = this.source().manager;
        if (manager?.isLeading) set(manager.dispatcherSessions);
      },
    });
    r.gauge("swarm_scheduler_unplaced_tasks", "Tasks pending placement that should run (leader).", {
      collect: (set) => {
        const manager = this.source().manager;
        if (!manager?.isLeading) return;
        const pending = Number(swarm.v1.TaskState.TASK_STATE_PENDING);
        const running = Number(swarm.v1.TaskState.TASK_STATE_RUNNING);
        let unplaced = 0;
        manager.store.view((tx) => {
          for (const t of tx.all("task"))
            if (Number(t.status?.state ?? 0) === pending && Number(t.desiredState ?? 0) <= running) unplaced++;
        });
        set(unplaced);
      },
    });
    r.gauge("swarm_agent_tasks", "Tasks this node's agent runs, by observed state.", {
      labelNames: ["state"],
      collect: (set) => {
        const agent = this.source().agent;
        if (!agent) return;
        const counts = new Map<string, number>();
        for (const id of agent.taskIds()) {
          const state = taskStateLabel(agent.taskStatus(id)?.state);
          counts.set(state, (counts.get(state) ?? 0) + 1);
        }
        for (const [state, count] of counts) set(count, { state });
      },
    });
    r.gauge("process_resident_memory_bytes", "Resident memory size in bytes.", {
      collect: (set) => set(process.memoryUsage.rss()),
    });
  }

  /** Points the scrape-time gauges at the running node. */
  follow(source: () => MetricsSource): void {
    this.source = source;
  }

  /**
   * Wraps the node's log so that the agent's session events are counted: a session opened after
   * the first is a reconnect. The agent already reports them, so it needs no counter of its own.
   */
  countingLog(log: NodeLog): NodeLog {
    return (level, event, fields) => {
      if (event === "session.open" && fields.component === "agent" && this.sessionsOpened++ > 0)
        this.agentReconnects.inc();
      log(level, event, fields);
    };
  }

  /** One scrape: measures event-loop lag, then the text exposition. */
  async scrape(): Promise<string> {
    const startMs = realClock.monotonicMs();
    await new Promise<void>((resolve) => realClock.defer(resolve));
    this.eventLoopLag.set((realClock.monotonicMs() - startMs) / 1000);
    return this.registry.expose();
  }

  private collectTasks(set: (value: number, labels: Labels) => void): void {
    const manager = this.source().manager;
    if (!manager) return;
    // One pass over the tasks, counted by (state, desired) as numbers and labelled once per pair:
    // a scale benchmark scrapes every manager twice a second with 100,000 tasks in the store, and
    // naming every task's states took most of a scrape.
    const counts = new Map<number, number>();
    manager.store.view((tx) => {
      for (const task of tx.all("task")) {
        const key = Number(task.status?.state ?? 0) * taskStatesKeyBase + Number(task.desiredState ?? 0);
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
    });
    for (const [key, count] of counts)
      set(count, {
        state: taskStateLabel(Math.floor(key / taskStatesKeyBase)),
        desired: taskStateLabel(key % taskStatesKeyBase),
      });
  }
}
