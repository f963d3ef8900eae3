// A small in-memory cluster for scenario tests: messages are delivered instantly and in order
// unless a test filters them, and each Ready is "persisted" at once. Tests control every step,
// which is what the Raft paper's scenarios need. The fault-injecting simulator is simulator.ts.
import { assert } from "../../common/index.js";
import {
  type ConfChange,
  decodeConfChange,
  type Entry,
  type HardState,
  type Message,
  RaftCore,
  type RaftId,
  type RaftOptions,
  type ReadState,
  SeededRandom,
  type Snapshot,
} from "../core/index.js";

/** Durable state of one member, as its storage would hold it. */
export interface Durable {
  /** Persisted hard state. */
  hard: HardState;
  /** Persisted entries after the snapshot. */
  entries: Entry[];
  /** Persisted snapshot. */
  snapshot: Snapshot | null;
}

/** One member in the harness. */
export interface HarnessMember {
  /** The core, or null while stopped. */
  core: RaftCore | null;
  /** Its storage. */
  durable: Durable;
  /** Data of applied normal entries, by index (no-ops as empty strings). */
  applied: Map<number, string>;
  /** Read states received. */
  reads: ReadState[];
}

/** Applies a Ready's persistence part to durable state (entries replace any conflicting suffix). */
export function persistReady(
  durable: Durable,
  rd: { hardState: HardState | null; entries: readonly Entry[]; snapshot: Snapshot | null },
): void {
  if (rd.snapshot) {
    // Installing a leader's snapshot replaces the whole log, as the core's restore() does.
    durable.snapshot = rd.snapshot;
    durable.entries = [];
  }
  for (const e of rd.entries) {
    const first = durable.entries[0]?.index ?? e.index;
    durable.entries.length = Math.max(0, Math.min(durable.entries.length, e.index - first));
    durable.entries.push(e);
  }
  if (rd.hardState) durable.hard = rd.hardState;
}

const decoder = new TextDecoder();

/** Manually stepped cluster of RaftCores. */
export class Harness {
  /** Members by id. */
  readonly members = new Map<RaftId, HarnessMember>();
  /** Messages sent but not delivered (when delivery is held). */
  queue: Message[] = [];
  /** Returns false to drop a message. */
  filter: (m: Message) => boolean = () => true;
  private readonly seed: number;

  constructor(
    ids: readonly RaftId[],
    options: { seed?: number; core?: Partial<Omit<RaftOptions, "id" | "random">> } = {},
  ) {
    this.seed = options.seed ?? 1;
    for (const id of ids) this.start(id, { bootstrap: ids, ...options.core });
  }

  /** Starts (or restarts from durable state) a member. */
  start(id: RaftId, extra: Partial<Omit<RaftOptions, "id" | "random">> = {}): RaftCore {
    const existing = this.members.get(id);
    const durable: Durable = existing?.durable ?? {
      hard: { term: 0, vote: 0, commit: 0 },
      entries: [],
      snapshot: null,
    };
    const core = new RaftCore({
      id,
      random: new SeededRandom(this.seed * 1000 + id),
      hardState: durable.hard,
      snapshot: durable.snapshot,
      entries: durable.entries,
      ...extra,
    });
    const applied = new Map<number, string>();
    this.members.set(id, { core, durable, applied, reads: [] });
    return core;
  }

  /** Stops a member: its volatile state is lost, its durable state kept. */
  stop(id: RaftId): void {
    this.member(id).core = null;
  }

  /** A member by id. */
  member(id: RaftId): HarnessMember {
    const m = this.members.get(id);
    assert(m !== undefined, `no member ${id}`);
    return m;
  }

  /** A running member's core. */
  core(id: RaftId): RaftCore {
    const c = this.member(id).core;
    assert(c !== null, `member ${id} is stopped`);
    return c;
  }

  /** Processes every member's Ready once; sent messages go to the queue. */
  flushReady(): void {
    for (const [, m] of this.members) {
      const core = m.core;
      if (!core || !core.hasReady()) continue;
      const rd = core.ready();
      persistReady(m.durable, rd);
      this.queue.push(...rd.messages);
      if (rd.snapshot) {
        m.applied.clear();
      }
      for (const e of rd.committedEntries) {
        if (e.type === "normal") m.applied.set(e.index, decoder.decode(e.data));
      }
      m.reads.push(...rd.readStates);
      core.advance();
      for (const e of rd.committedEntries) {
        if (e.type === "conf-change") core.applyConfChange(decodeConfChange(e.data));
      }
    }
  }

  /** Delivers queued messages (and what they cause) until the cluster is quiet; returns how many. */
  settle(stepsMax = 100_000): number {
    let delivered = 0;
    for (let i = 0; i < stepsMax; i++) {
      this.flushReady();
      const m = this.queue.shift();
      if (!m) {
        // advance() can leave more work (a leader's commit once its entries are on its disk).
        if ([...this.members.values()].some((x) => x.core?.hasReady())) continue;
        return delivered;
      }
      if (!this.filter(m)) continue;
      const to = this.members.get(m.to)?.core;
      if (to) {
        to.step(m);
        delivered++;
      }
    }
    throw new Error("harness did not settle");
  }

  /** Ticks one member n times, settling after each tick. */
  tick(id: RaftId, n = 1): void {
    for (let i = 0; i < n; i++) {
      this.core(id).tick();
      this.settle();
    }
  }

  /** Ticks every running member n times, settling after each round. */
  tickAll(n = 1): void {
    for (let i = 0; i < n; i++) {
      for (const [, m] of this.members) m.core?.tick();
      this.settle();
    }
  }

  /** Makes a member campaign by ticking it past any election timeout (others are not ticked). */
  elect(id: RaftId): void {
    const core = this.core(id);
    for (let i = 0; i < 1000 && core.role !== "leader"; i++) this.tick(id);
    assert(core.role === "leader", `member ${id} could not become leader`);
  }

  /** Proposes a string on a member and settles; returns the entry's position. */
  propose(id: RaftId, data: string): { index: number; term: number } {
    const position = this.core(id).propose(new TextEncoder().encode(data));
    this.settle();
    return position;
  }

  /** Proposes a membership change on a member and settles. */
  proposeConfChange(id: RaftId, change: ConfChange): void {
    this.core(id).proposeConfChange(change);
    this.settle();
  }
}
