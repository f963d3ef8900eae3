// What the dispatcher did in one interval, for its periodic log line. A leader with thousands of
// sessions cannot log every heartbeat or every session it opens, yet an operator reading the log
// after a bad deploy must be able to tell "the nodes stopped talking" from "the leader stopped
// listening" from "the store refused the writes": one line per interval with the counts tells them
// apart, at a bounded rate whatever the cluster's size.
import type { Clock } from "../../common/index.js";

/** How often the dispatcher logs its counts while anything but heartbeats happens, in ms. */
export const sessionLogIntervalMs = 10_000;
/** How often it logs them when only heartbeats came (a steady cluster), in ms. */
export const sessionLogQuietIntervalMs = 60_000;

/** Counters of one interval; every field counts events since the last line. */
export interface SessionCountFields {
  /** Sessions opened (first sessions and reconnects). */
  opened: number;
  /** Sessions a newer one of the same node replaced. */
  replaced: number;
  /** Sessions that expired (no heartbeat in time): the node was marked DOWN. */
  expired: number;
  /** Nodes the previous leader saw alive that did not reconnect within the grace: marked DOWN. */
  graceExpired: number;
  /** Heartbeats answered. */
  heartbeats: number;
  /** UpdateTaskStatus calls received. */
  statusReports: number;
  /** Task statuses those calls carried. */
  statusUpdates: number;
  /** UpdateTaskStatus calls whose store write failed (the node sends them again). */
  statusWriteFailures: number;
  /** Session opens whose store write failed. */
  sessionOpenFailures: number;
  /** Heartbeats and reports refused for an unknown or ended session (the node opens a new one). */
  invalidSessions: number;
}

function zero(): SessionCountFields {
  return {
    opened: 0,
    replaced: 0,
    expired: 0,
    graceExpired: 0,
    heartbeats: 0,
    statusReports: 0,
    statusUpdates: 0,
    statusWriteFailures: 0,
    sessionOpenFailures: 0,
    invalidSessions: 0,
  };
}

/** The dispatcher's counters and when their next line is due. */
export class SessionCounts {
  /** This interval's counters, incremented in place by the dispatcher. */
  readonly now: SessionCountFields = zero();
  private lastLineMs: number;
  private lastSessions = -1;

  constructor(private readonly clock: Pick<Clock, "monotonicMs">) {
    this.lastLineMs = clock.monotonicMs();
  }

  /**
   * The fields of the line due now, or null when none is: every {@link sessionLogIntervalMs} while
   * anything but heartbeats happened or the number of sessions changed, else every
   * {@link sessionLogQuietIntervalMs}. Taking a line resets the counters.
   */
  takeLine(sessions: number): (SessionCountFields & { sessions: number; intervalMs: number }) | null {
    const nowMs = this.clock.monotonicMs();
    const intervalMs = nowMs - this.lastLineMs;
    if (intervalMs < sessionLogIntervalMs) return null;
    const busy = Object.entries(this.now).some(([k, v]) => k !== "heartbeats" && v > 0);
    if (!busy && sessions === this.lastSessions && intervalMs < sessionLogQuietIntervalMs) return null;
    const line = { sessions, intervalMs: Math.round(intervalMs), ...this.now };
    Object.assign(this.now, zero());
    this.lastLineMs = nowMs;
    this.lastSessions = sessions;
    return line;
  }
}
