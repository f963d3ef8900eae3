// The endpoints of one service as the data path sees them: which can take a new connection, how
// many connections each holds, which failed recently, and which left the set and must have their
// connections closed after a grace period. One pool per service, shared by its published ports, so
// least-connections counts every connection an endpoint holds.
import { type Cancel, type Clock, realClock } from "../../common/index.js";
import type { MeshBalancing, MeshEndpoint } from "./mesh-types.js";

/** Something the pool can close when its endpoint leaves the set (a TCP pair or a UDP flow). */
export interface Closable {
  /** Closes it at once. */
  close(): void;
}

/** One endpoint and its live state. */
export interface PoolEntry {
  /** The endpoint as last received. */
  endpoint: MeshEndpoint;
  /** Connections (and UDP flows) open to it now. */
  readonly open: Set<Closable>;
  /** Connections ever made to it. */
  total: number;
  /** Until when (ms since epoch) it is passed over after a failed connect. */
  failedUntilMs: number;
  /** Set when it left the set: the timer that closes its connections. */
  removal: Cancel | null;
}

/** What the pool reports of one endpoint. */
export interface EndpointStats {
  /** The task's id. */
  readonly taskId: string;
  /** Connections open now. */
  readonly open: number;
  /** Connections made so far. */
  readonly total: number;
  /** It takes no new connections. */
  readonly draining: boolean;
  /** It left the set; its connections are closing. */
  readonly removed: boolean;
}

/** The endpoints of one service and the choice of the next one. */
export class EndpointPool {
  /** Balancing in force. */
  balancing: MeshBalancing = "round-robin";
  private readonly entries = new Map<string, PoolEntry>();
  private next = 0;

  constructor(
    private readonly graceMs: number,
    private readonly clock: Clock = realClock,
  ) {}

  /** Replaces the set: new endpoints join, known ones are updated in place, missing ones are closed after the grace. */
  replace(endpoints: readonly MeshEndpoint[], balancing: MeshBalancing): void {
    this.balancing = balancing;
    const seen = new Set<string>();
    for (const endpoint of endpoints) {
      seen.add(endpoint.taskId);
      const entry = this.entries.get(endpoint.taskId);
      if (entry === undefined) {
        this.entries.set(endpoint.taskId, { endpoint, open: new Set(), total: 0, failedUntilMs: 0, removal: null });
        continue;
      }
      entry.endpoint = endpoint;
      if (entry.removal !== null) {
        // Back within the grace: its connections stay.
        entry.removal();
        entry.removal = null;
      }
    }
    for (const [taskId, entry] of this.entries) {
      if (seen.has(taskId) || entry.removal !== null) continue;
      if (entry.open.size === 0) {
        this.entries.delete(taskId);
        continue;
      }
      entry.removal = this.clock.after(this.graceMs, () => this.forget(taskId), { keepAlive: false });
    }
  }

  /**
   * The endpoint for a new connection to `targetPort`, skipping those in `tried`: not draining,
   * not removed, serving that port, and preferably not failed recently (a failed one is still
   * chosen when nothing else is left, since its back-off is only a guess).
   */
  pick(targetPort: number, tried: ReadonlySet<PoolEntry>, nowMs: number): PoolEntry | null {
    const candidates: PoolEntry[] = [];
    for (const entry of this.entries.values()) {
      if (entry.removal !== null || entry.endpoint.draining || tried.has(entry)) continue;
      if (entry.endpoint.ports[targetPort] === undefined) continue;
      candidates.push(entry);
    }
    const healthy = candidates.filter((e) => e.failedUntilMs <= nowMs);
    const from = healthy.length > 0 ? healthy : candidates;
    if (from.length === 0) return null;
    const start = this.next++ % from.length;
    if (this.balancing === "round-robin") return from[start]!;
    // Least connections; ties go round robin so equal endpoints share the load.
    let best = from[start]!;
    for (let i = 1; i < from.length; i++) {
      const e = from[(start + i) % from.length]!;
      if (e.open.size < best.open.size) best = e;
    }
    return best;
  }

  /** Counts a connection (or flow) to the entry until it is released. */
  attach(entry: PoolEntry, conn: Closable): void {
    entry.open.add(conn);
    entry.total++;
  }

  /** Uncounts a connection; a removed entry with nothing left open is forgotten. */
  release(entry: PoolEntry, conn: Closable): void {
    entry.open.delete(conn);
    if (entry.open.size === 0 && entry.removal !== null && this.entries.get(entry.endpoint.taskId) === entry) {
      entry.removal();
      this.entries.delete(entry.endpoint.taskId);
    }
  }

  /** Passes the entry over for `backoffMs` after a failed connect. */
  markFailed(entry: PoolEntry, nowMs: number, backoffMs: number): void {
    entry.failedUntilMs = nowMs + backoffMs;
  }

  /** Every endpoint's counters. */
  stats(): EndpointStats[] {
    return [...this.entries.values()].map((e) => ({
      taskId: e.endpoint.taskId,
      open: e.open.size,
      total: e.total,
      draining: e.endpoint.draining,
      removed: e.removal !== null,
    }));
  }

  /** Closes every connection at once and forgets every endpoint (the service is gone or the mesh closes). */
  closeAll(): void {
    for (const taskId of [...this.entries.keys()]) this.forget(taskId);
  }

  /** Closes an entry's connections and drops it. */
  private forget(taskId: string): void {
    const entry = this.entries.get(taskId);
    if (entry === undefined) return;
    entry.removal?.();
    this.entries.delete(taskId);
    for (const conn of [...entry.open]) conn.close();
    entry.open.clear();
  }
}
