// The replicated store: in-memory tables changed only by applying committed raft entries, read
// through view() and written through update(). update() runs the caller's function against a
// private overlay (reads see the transaction's own writes), fails fast on errors it can already
// see, then proposes the changes; the returned promise settles once the transaction applied on
// this manager, with the same outcome every manager reached. Transactions proposed in the same
// turn of the event loop share one raft entry (bounded by proposalBytesMax).
import { assert, type Clock, realClock } from "../../common/index.js";
import { entryBytesMax, type StateMachine } from "../../raft/index.js";
import { type ApplyOutcome, applyTransaction, type StoreEvent } from "./apply/apply-transaction.js";
import { type TaskQuery, Tables } from "./apply/tables.js";
import { storeError, TransactionTooLargeError } from "./errors.js";
import { type ObjectKind, type ObjectsByKind, objectKinds } from "./objects.js";
import {
  decodeStoreBatch,
  encodeStoreSnapshot,
  joinStoreBatch,
  joinStoreTransaction,
  type ProposedTransaction,
} from "./store-codec.js";
import { WriteTransaction } from "./write-transaction.js";

/** Most bytes of store transactions in one raft entry; a larger single transaction goes alone. */
export const proposalBytesMax = 1024 * 1024;

/**
 * Largest encoded store transaction, as SwarmKit bounds its raft proposals (1.5 MB): a larger one
 * is refused with TransactionTooLargeError before it is proposed. Every valid object is well below
 * it (the API bounds each spec), and writers of many objects end their transaction before it
 * nears this size (WriteTx.bytes). It leaves room in one raft entry for the batch framing.
 */
export const transactionBytesMax = 1536 * 1024;
assert(transactionBytesMax + 64 <= entryBytesMax, "a store transaction must fit in one raft entry");

/** Read access to the store. */
export interface ReadTx {
  /** One object, or undefined. */
  get<K extends ObjectKind>(kind: K, id: string): ObjectsByKind[K] | undefined;
  /** Every object of a kind, in id order. */
  all<K extends ObjectKind>(kind: K): ObjectsByKind[K][];
  /** The object of a uniquely named kind with that name. */
  byName<K extends ObjectKind>(kind: K, name: string): ObjectsByKind[K] | undefined;
  /** Tasks matching a query. */
  tasks(query: TaskQuery): ObjectsByKind["task"][];
  /** Number of objects of a kind. */
  count(kind: ObjectKind): number;
}

/** Read and write access within one transaction. */
export interface WriteTx extends ReadTx {
  /** Adds an object; fails if the id (or a unique name) is taken. Sets meta timestamps. */
  create<K extends ObjectKind>(kind: K, object: ObjectsByKind[K]): void;
  /** Replaces an object read in this store; fails if someone wrote it since (its meta.version). */
  update<K extends ObjectKind>(kind: K, object: ObjectsByKind[K]): void;
  /** Deletes an object. */
  remove(kind: ObjectKind, id: string): void;
  /**
   * Encoded size of the writes so far (about what will be proposed). A writer of many objects ends
   * its transaction and continues in another once this passes transactionBytesSoftMax.
   */
  bytes(): number;
}

/**
 * Size at which writers of many objects (the orchestrator, allocator, scheduler, reaper) end a
 * transaction and start the next: the next object may still add up to an object's largest size
 * (a task copies a service spec, bounded by the API) without passing transactionBytesMax.
 */
export const transactionBytesSoftMax = 1024 * 1024;

/** Outcome of one transaction as recorded by apply. */
export type TransactionOutcome = { readonly id: string } & ApplyOutcome;

/** Sends a store batch through consensus; resolves with what apply returned for it. */
export interface StoreProposer {
  /** Proposes one raft entry. */
  propose(data: Uint8Array): Promise<TransactionOutcome[]>;
}

/** A committed change set, delivered to watchers after it applied. */
export interface StoreCommit {
  /** Raft index of the entry. */
  readonly version: number;
  /** What changed, in order. */
  readonly events: readonly StoreEvent[];
}

interface Pending {
  readonly tx: ProposedTransaction;
  readonly encoded: Uint8Array;
  readonly bytes: number;
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
}

/** The manager's replicated store; also the raft state machine that applies its entries. */
export class MemoryStore implements StateMachine<TransactionOutcome[]> {
  private readonly tables = new Tables();
  private readonly watchers = new Set<(commit: StoreCommit) => void>();
  private readonly restoreListeners = new Set<(version: number) => void>();
  private proposer: StoreProposer | null = null;
  private pending: Pending[] = [];
  private flushScheduled = false;
  /** Batches this manager proposed, not yet applied nor decoded ahead. */
  private readonly awaitingDecode = new Set<Uint8Array>();
  /** Batches decoded ahead, by the very bytes raft hands back to apply. */
  private readonly predecoded = new WeakMap<Uint8Array, ProposedTransaction[]>();
  private versionValue = 0;
  /**
   * Transactions this store proposed. The count is a transaction's id: ids only tell apart the
   * outcomes of one raft entry, whose transactions all come from this store.
   */
  private transactionCount = 0;
  /** Read access to the tables; one object for every view, which are frequent (components poll). */
  private readonly readTx: ReadTx = readerOf(this.tables);

  private readonly clock: Clock;

  /** `clock` stamps transactions (their objects' created and updated times); the real clock by default. */
  constructor(options: { readonly clock?: Clock } = {}) {
    this.clock = options.clock ?? realClock;
  }

  /** Connects the store to consensus (the manager's RaftNode, or a test double). */
  setProposer(proposer: StoreProposer): void {
    this.proposer = proposer;
  }

  /** Raft index of the last applied entry. */
  get version(): number {
    return this.versionValue;
  }

  /** Runs a read-only function against the current state. */
  view<T>(fn: (tx: ReadTx) => T): T {
    return fn(this.readTx);
  }

  /**
   * Runs fn in a transaction and commits its writes through raft. Rejects with ObjectExistsError,
   * ObjectNotFoundError, NameConflictError or SequenceConflictError (nothing is changed then), or
   * with the proposer's error (e.g. NotLeaderError).
   */
  async update<T>(fn: (tx: WriteTx) => T): Promise<T> {
    const tx = new WriteTransaction(this.readTx, this.clock.now());
    const result = fn(tx);
    const changes = tx.changes();
    if (changes.length === 0) return result;
    const proposed = { id: (++this.transactionCount).toString(36), changes };
    const encoded = joinStoreTransaction(proposed, (change) => tx.encodedObject(change.kind, change.object));
    if (encoded.length > transactionBytesMax) throw new TransactionTooLargeError(encoded.length, transactionBytesMax);
    await this.submit(proposed, encoded);
    return result;
  }

  /** Subscribes to commits; returns the unsubscribe function. */
  watch(listener: (commit: StoreCommit) => void): () => void {
    this.watchers.add(listener);
    return () => this.watchers.delete(listener);
  }

  // ---- raft state machine ----

  /** Applies one committed raft entry: a batch of transactions. */
  apply(data: Uint8Array, index: number): TransactionOutcome[] {
    const outcomes: TransactionOutcome[] = [];
    const events: StoreEvent[] = [];
    const ahead = this.predecoded.get(data);
    this.predecoded.delete(data);
    this.awaitingDecode.delete(data);
    for (const tx of ahead ?? decodeStoreBatch(data)) {
      const outcome = applyTransaction(this.tables, tx.changes, index);
      outcomes.push({ id: tx.id, ...outcome });
      if (outcome.ok) events.push(...outcome.events);
    }
    this.versionValue = index;
    if (events.length > 0) for (const w of this.watchers) w({ version: index, events });
    return outcomes;
  }

  /** Serialises every object. */
  snapshot(): Uint8Array {
    return encodeStoreSnapshot(
      objectKinds.flatMap((kind) => this.tables.all(kind).map((object) => ({ kind, object }))),
    );
  }

  /** Replaces the whole store by a snapshot's objects (keeping their versions), taken at raft index `index`. */
  restore(data: Uint8Array, index: number): void {
    this.tables.clear();
    for (const tx of decodeStoreBatch(data)) {
      for (const change of tx.changes) this.tables.put(change.kind, change.object);
    }
    this.versionValue = index;
    // No per-object events exist for a jump: listeners that follow changes must start over.
    for (const listener of this.restoreListeners) listener(index);
  }

  /** Subscribes to snapshot installs (the store jumped to `version` without commit events); returns the unsubscribe function. */
  onRestore(listener: (version: number) => void): () => void {
    this.restoreListeners.add(listener);
    return () => this.restoreListeners.delete(listener);
  }

  // ---- batching ----

  private submit(tx: ProposedTransaction, encoded: Uint8Array): Promise<void> {
    const proposer = this.proposer;
    if (!proposer) return Promise.reject(new Error("the store has no proposer: it is not connected to raft"));
    return new Promise<void>((resolve, reject) => {
      // Encoded once: the size decides batching, and the bytes go into the batch as they are.
      this.pending.push({ tx, encoded, bytes: encoded.length, resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        this.clock.defer(() => this.flush(proposer));
      }
    });
  }

  private flush(proposer: StoreProposer): void {
    this.flushScheduled = false;
    const queue = this.pending;
    this.pending = [];
    const proposed: Uint8Array[] = [];
    while (queue.length > 0) {
      const batch: Pending[] = [];
      let bytes = 0;
      while (queue.length > 0 && (batch.length === 0 || bytes + queue[0]!.bytes <= proposalBytesMax)) {
        const next = queue.shift()!;
        bytes += next.bytes;
        batch.push(next);
      }
      const data = joinStoreBatch(batch.map((p) => p.encoded));
      // Registered first: a proposer that applies at once (tests, benchmarks) takes it back out.
      this.awaitingDecode.add(data);
      proposed.push(data);
      proposer.propose(data).then(
        (outcomes) => {
          const byId = new Map(outcomes.map((o) => [o.id, o]));
          for (const p of batch) {
            const outcome = byId.get(p.tx.id);
            if (!outcome) p.reject(new Error(`transaction ${p.tx.id} has no outcome`));
            else if (outcome.ok) p.resolve();
            else p.reject(storeError(outcome.code, outcome.kind, outcome.objectId, outcome.detail));
          }
        },
        (error: unknown) => {
          for (const p of batch) p.reject(error instanceof Error ? error : new Error(String(error)));
        },
      );
    }
    // Scheduled after the proposals, so raft's turn comes before the decode's (see below).
    this.decodeAhead(proposed);
  }

  /**
   * Decodes the batches this manager just proposed while consensus runs (the followers persisting it), so
   * the apply after the commit, which every waiting answer is behind, finds it decoded: the same
   * bytes through the same decoder, only earlier. Raft hands apply the same byte array it was
   * given; a batch applied first, or never, is simply not looked up again.
   */
  private decodeAhead(batches: readonly Uint8Array[]): void {
    if (!batches.some((b) => this.awaitingDecode.has(b))) return;
    // Two turns on: raft's turn hands the batch to the transport and starts the local fsync, and
    // the transport's bytes leave at the start of the next one. Decoding any earlier would hold
    // the batch back from the followers, whose acknowledgement is what the answers wait for.
    this.clock.defer(() =>
      this.clock.defer(() => {
        for (const batch of batches) {
          // Applied meanwhile, or already decoded: nothing to do.
          if (!this.awaitingDecode.delete(batch)) continue;
          try {
            this.predecoded.set(batch, decodeStoreBatch(batch));
          } catch {
            // Apply decodes it again and reports the error where it belongs.
          }
        }
      }),
    );
  }
}

/** Read access to tables as they are at each call. */
function readerOf(t: Tables): ReadTx {
  return {
    get: (kind, id) => t.get(kind, id),
    all: (kind) => t.all(kind),
    byName: (kind, name) => t.byName(kind, name),
    tasks: (query) => t.tasks(query),
    count: (kind) => t.count(kind),
  };
}
