// Bench-only: fills a leading manager's store with nodes, services and running tasks in big
// transactions, then writes small entries until raft has taken a snapshot, so that a restart
// recovers from a snapshot plus a short WAL tail as a long-running manager would.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import type { MemoryStore } from "../../manager/index.js";
import { benchNode, benchRunningTask, benchServiceSpec } from "./bench-objects.js";

/** Tasks written per store transaction while filling. */
export const fillTasksPerTransaction = 2_000;
/** Small entries written per padding round (each in its own raft entry). */
export const fillPadEntriesPerRound = 1_000;
/** Padding rounds after which filling gives up waiting for a snapshot. */
export const fillPadRoundsMax = 40;

/** What to put in the store. */
export interface FillOptions {
  /** Services (the tasks are spread evenly over them). */
  readonly services: number;
  /** Running tasks. */
  readonly tasks: number;
  /** Nodes the tasks run on. */
  readonly nodes: number;
}

/** Outcome of a fill. */
export interface FillResult {
  /** Tasks written. */
  readonly tasks: number;
  /** Time to write the objects. */
  readonly fillMs: number;
  /** Time spent padding until a snapshot file appeared. */
  readonly padMs: number;
  /** Padding entries written. */
  readonly padEntries: number;
}

const pad = (n: number): string => String(n).padStart(6, "0");
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Fills the store of a leading manager whose state directory is dir, then pads until a snapshot exists. */
export async function fillStore(store: MemoryStore, dir: string, options: FillOptions): Promise<FillResult> {
  const t0 = performance.now();
  const nodeIds = Array.from({ length: options.nodes }, (_, i) => `node-${pad(i)}`);
  await store.update((tx) => {
    for (const [i, id] of nodeIds.entries())
      tx.create("node", benchNode(id, `host-${pad(i)}`, { zone: `z${i % 5}`, rack: `r${i % 40}` }));
  });
  // Each service is written in the same transaction as its tasks: the orchestrator, already
  // running on this leader, must never see a service without its tasks (it would create them).
  const perService = Math.ceil(options.tasks / options.services);
  const servicesPerTransaction = Math.max(1, Math.floor(fillTasksPerTransaction / perService));
  const now = Date.now();
  let written = 0;
  for (let first = 0; first < options.services; first += servicesPerTransaction) {
    const last = Math.min(options.services, first + servicesPerTransaction);
    written += await store.update((tx) => {
      let count = 0;
      for (let s = first; s < last; s++) {
        const id = `svc-${pad(s)}`;
        const replicas = Math.min(perService, options.tasks - s * perService);
        tx.create("service", { id, spec: benchServiceSpec(id, replicas) });
        const service = tx.get("service", id)!;
        for (let slot = 1; slot <= replicas; slot++, count++) {
          tx.create(
            "task",
            benchRunningTask(
              service,
              `task-${pad(s * perService + slot - 1)}`,
              slot,
              nodeIds[(s * perService + slot) % nodeIds.length]!,
              now,
            ),
          );
        }
      }
      return count;
    });
  }
  const fillMs = performance.now() - t0;
  // Raft snapshots every snapshotIntervalEntries applied entries. Each padding write is proposed
  // in its own turn of the event loop so that it becomes its own entry (the store batches
  // same-turn transactions); a round creates throwaway configs, the next removes them.
  const t1 = performance.now();
  let padEntries = 0;
  const snapDir = join(dir, "snap");
  const hasSnapshot = (): boolean => readdirSync(snapDir).some((name) => name.endsWith(".snap"));
  for (let round = 0; round < fillPadRoundsMax && !hasSnapshot(); round++) {
    const writes: Promise<void>[] = [];
    for (let i = 0; i < fillPadEntriesPerRound; i++) {
      const id = `pad-${pad(i)}`;
      writes.push(
        round % 2 === 0
          ? store.update((tx) =>
              tx.create("config", { id, spec: { annotations: { name: id }, data: new Uint8Array(16) } }),
            )
          : store.update((tx) => tx.remove("config", id)),
      );
      await nextTurn();
    }
    await Promise.all(writes);
    padEntries += fillPadEntriesPerRound;
    // The snapshot is written after the apply that crossed the interval: give it a moment.
    for (let i = 0; i < 20 && !hasSnapshot(); i++) await new Promise((resolve) => setTimeout(resolve, 25));
  }
  if (!hasSnapshot()) throw new Error(`no snapshot after ${padEntries} padding entries`);
  return { tasks: written, fillMs, padMs: performance.now() - t1, padEntries };
}
