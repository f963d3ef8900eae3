// Where the time of a task's failure goes, hop by hop, for `npm run bench -- overlay --parts
// failures`. The nodes of the failure cluster log at debug, which writes the trace events
// (`trace.*`) each hop of the path logs: the worker's status reporter queues and sends the failed
// status, the leader's dispatcher receives it, the store commit reaches the network-view feed, the
// feed's update is written on each node's session stream, the node's agent receives it, and its
// network agent's pass starts, updates the DNS records and applies the rules. The watcher in each
// node's namespace adds when it saw the address gone. All on one host, so one clock.
import { readFileSync } from "node:fs";

/** One trace event of a node's log. */
export interface TraceEvent {
  /** Wall time, ms since the epoch (pino's `time`). */
  readonly time: number;
  readonly event: string;
  readonly fields: Readonly<Record<string, unknown>>;
}

/** The trace events of a node's log file, in order. */
export function readTrace(logFile: string): TraceEvent[] {
  const events: TraceEvent[] = [];
  let text: string;
  try {
    text = readFileSync(logFile, "utf8");
  } catch {
    return events;
  }
  for (const line of text.split("\n")) {
    if (!line.includes('"trace.')) continue;
    try {
      const { time, msg, ...fields } = JSON.parse(line) as { time: number; msg: string } & Record<string, unknown>;
      if (typeof msg === "string" && msg.startsWith("trace.")) events.push({ time, event: msg, fields });
    } catch {
      // A line cut by a crash or a concurrent write: not a trace event.
    }
  }
  return events;
}

/** The hops of the path, in order; each figure is ms from the previous point. */
export const failureHops = [
  ["exit", "the task's process exits → its executor records FAILED (poll of the process)"],
  ["record", "→ queued for the managers (before: after the fsynced write of the task database)"],
  ["report", "→ the status reporter sends it (its batch timer)"],
  ["deliver", "→ the leader's dispatcher receives it (gRPC)"],
  ["commit", "→ the store commit reaches the network-view feed (raft)"],
  ["push", "→ the feed's update is written on the node's stream"],
  ["receive", "→ the node's agent receives it (gRPC)"],
  ["dns", "→ the DNS records updated (from the receipt)"],
  ["queue", "→ the network agent's pass starts (from the receipt; waits for a running pass)"],
  ["rules", "→ the rules applied (from the pass start)"],
  ["seen", "→ the watcher saw the address gone from both (from the later of dns, rules)"],
] as const;

/** A hop's name. */
export type FailureHop = (typeof failureHops)[number][0];

/** What one round's analysis needs. */
export interface RoundTrace {
  readonly taskId: string;
  /** When the bench killed the task's process, ms since the epoch. */
  readonly killedAt: number;
  /** When the worker's executor recorded the task's exit (the status timestamp), ms since the epoch. */
  readonly exitRecordedAt: number | undefined;
  /** The manager's trace events (the leader's). */
  readonly manager: readonly TraceEvent[];
  /** Per watched node: its id, its trace events, and when its watcher saw the address gone from DNS and the rules. */
  readonly nodes: readonly {
    readonly nodeId: string;
    readonly events: readonly TraceEvent[];
    readonly dnsGoneAt: number;
    readonly vipGoneAt: number;
  }[];
}

/** One round's hops on its slowest node, ms each (NaN where an event is missing). */
export interface RoundHops {
  readonly hops: Record<FailureHop, number>;
  /** The steps of the slowest node's pass that took the view (NetworkAgentStats.lastPassStepsMs), ms. */
  readonly passSteps: Readonly<Record<string, number>>;
  /** Whether that pass read the kernel back (a full pass). */
  readonly fullPass: boolean;
}

/** Works out one round's hops from the trace events; see {@link RoundHops}. */
export function roundHops(round: RoundTrace): RoundHops {
  const first = (
    events: readonly TraceEvent[],
    event: string,
    after: number,
    match: (f: Readonly<Record<string, unknown>>) => boolean = () => true,
  ): number => events.find((e) => e.event === event && e.time >= Math.floor(after) && match(e.fields))?.time ?? NaN;
  const names = (f: Readonly<Record<string, unknown>>): boolean =>
    Array.isArray(f["taskIds"]) ? (f["taskIds"] as unknown[]).includes(round.taskId) : f["taskId"] === round.taskId;
  const all = round.nodes.flatMap((n) => n.events).sort((a, b) => a.time - b.time);
  const killed = round.killedAt;
  const exited = round.exitRecordedAt ?? NaN;
  const queued = first(all, "trace.status-queued", killed, names);
  const sent = first(all, "trace.status-sent", queued, names);
  const received = first(round.manager, "trace.status-received", sent, names);
  const committed = first(round.manager, "trace.network-view-commit", received, names);
  // The slowest node (the later of its two removals) is the round's figure; its chain is shown.
  const slowest = [...round.nodes].sort(
    (a, b) => Math.max(b.dnsGoneAt, b.vipGoneAt) - Math.max(a.dnsGoneAt, a.vipGoneAt),
  )[0];
  const node = slowest?.events ?? [];
  const pushed = first(round.manager, "trace.network-view-sent", committed, (f) => f["nodeId"] === slowest?.nodeId);
  const arrived = first(node, "trace.network-view-received", pushed);
  const started = first(node, "trace.network-pass-started", arrived);
  const dns = first(node, "trace.network-dns-updated", arrived);
  const rules = first(node, "trace.network-rules-applied", started);
  const gone = Math.max(slowest?.dnsGoneAt ?? NaN, slowest?.vipGoneAt ?? NaN);
  const ended = node.find((e) => e.event === "trace.network-pass-ended" && e.time >= started);
  const hops = {
    exit: exited - killed,
    record: queued - exited,
    report: sent - queued,
    deliver: received - sent,
    commit: committed - received,
    push: pushed - committed,
    receive: arrived - pushed,
    dns: dns - arrived,
    queue: started - arrived,
    rules: rules - started,
    seen: gone - Math.max(dns, rules),
  };
  return {
    hops,
    passSteps: (ended?.fields["steps"] as Record<string, number> | undefined) ?? {},
    fullPass: ended?.fields["full"] === true,
  };
}
