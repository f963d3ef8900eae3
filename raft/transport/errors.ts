// Operating errors of the raft transport. A peer can send anything, so what comes off the wire is
// checked and refused with one of these; none of them is a bug in this member.
import { SwarmError } from "../../common/index.js";

/** A message from a peer does not decode into a core message (unknown kind, bad number, missing part). */
export class RaftWireError extends SwarmError {
  /** Dotted path of the offending field, e.g. "entries.2.type". */
  readonly field: string;

  constructor(field: string, problem: string) {
    super("RAFT_WIRE_INVALID", `raft message from the wire: ${field}: ${problem}`, { context: { field, problem } });
    this.field = field;
  }
}

/** A snapshot stream fails its checks (offsets, sender, size, CRC-32C) and is not installed. */
export class SnapshotRefusedError extends SwarmError {
  /** Raft id of the sender, 0 when not known yet. */
  readonly from: number;

  constructor(from: number, problem: string) {
    super("RAFT_SNAPSHOT_REFUSED", `snapshot from member ${from} refused: ${problem}`, { context: { from, problem } });
    this.from = from;
  }
}

/** The transport was used after close(). */
export class TransportClosedError extends SwarmError {
  constructor(operation: string) {
    super("RAFT_TRANSPORT_CLOSED", `raft transport is closed: cannot ${operation}`, { context: { operation } });
  }
}

/** The transport could not bind its listening address (in use, not local, bad syntax). */
export class TransportListenError extends SwarmError {
  /** The address asked for. */
  readonly addr: string;

  constructor(addr: string, options: { cause?: unknown } = {}) {
    const reason = options.cause instanceof Error ? `: ${options.cause.message}` : "";
    super("RAFT_TRANSPORT_LISTEN_FAILED", `raft transport cannot listen on ${addr}${reason}`, {
      context: { addr },
      ...options,
    });
    this.addr = addr;
  }
}
