// The counters a manager feeds while it runs. Gauges (term, indexes, store counts, sessions) are
// read from the manager's status at scrape time by whoever exposes them; only events that leave no
// trace in any status are counted here. The node owns the sinks, so counts survive the manager part
// restarting on promotion or demotion.
import { realClock } from "../common/index.js";
import type { CounterSink, HistogramSink } from "../common/metrics/index.js";
import type { DispatcherServer } from "../proto/index.js";
import type { StoreProposer } from "./store/index.js";

/** What the scheduler component counts. */
export interface SchedulerMetrics {
  /** Tasks the scheduler assigned to a node. */
  readonly placements: CounterSink;
  /** Duration of each planning pass that had tasks to place, in seconds. */
  readonly passSeconds: HistogramSink;
}

/** Every counter a manager feeds. */
export interface ManagerMetrics extends SchedulerMetrics {
  /** Changes of the leader this member sees (including to "no leader"). */
  readonly raftLeaderChanges: CounterSink;
  /** Raft proposals made by this member's store. */
  readonly raftProposals: CounterSink;
  /** Bytes of the raft proposals made by this member's store (the leader's: what the log grows by). */
  readonly raftProposalBytes: CounterSink;
  /** Proposals that failed (not the leader, dropped, storage error). */
  readonly raftProposalsFailed: CounterSink;
  /** From proposal to applied here, in seconds, for proposals that succeeded. */
  readonly raftProposalSeconds: HistogramSink;
  /** Heartbeats the dispatcher answered (leader). */
  readonly dispatcherHeartbeats: CounterSink;
  /** Task status updates workers sent the dispatcher (leader), counted per task. */
  readonly dispatcherStatusUpdates: CounterSink;
}

/** Wraps a proposer so that every proposal is counted and timed. */
export function countingProposer(proposer: StoreProposer, metrics: ManagerMetrics): StoreProposer {
  return {
    propose: async (data) => {
      metrics.raftProposals.inc();
      metrics.raftProposalBytes.inc(data.length);
      const startMs = realClock.monotonicMs();
      try {
        const outcome = await proposer.propose(data);
        metrics.raftProposalSeconds.observe((realClock.monotonicMs() - startMs) / 1000);
        return outcome;
      } catch (error) {
        metrics.raftProposalsFailed.inc();
        throw error;
      }
    },
  };
}

/** Wraps the dispatcher's handlers so that heartbeats and status updates are counted as they arrive. */
export function countingDispatcher(handlers: DispatcherServer, metrics: ManagerMetrics): DispatcherServer {
  return {
    ...handlers,
    heartbeat: (call, callback) => {
      metrics.dispatcherHeartbeats.inc();
      handlers.heartbeat(call, callback);
    },
    updateTaskStatus: (call, callback) => {
      metrics.dispatcherStatusUpdates.inc(call.request.updates.length);
      handlers.updateTaskStatus(call, callback);
    },
  };
}
