// Writes of many objects, split into transactions that each fit in one raft entry (SwarmKit's
// store.Batch). A component that touches thousands of tasks at once (the allocator, the scheduler,
// the reaper, the dispatcher's status reports) hands its items here: each transaction takes items
// until its encoded size passes transactionBytesSoftMax (or `itemsMax` items), commits, and the next
// one takes the rest. Each item's writes commit together; the items as a whole do not.
import type { MemoryStore, WriteTx } from "./store.js";
import { transactionBytesSoftMax } from "./store.js";

/**
 * Runs `write` for every item, in as many transactions as their size needs, and `finish` (when
 * given) last in each transaction, for what its items share (the allocator's network cursors).
 * Resolves once all committed; rejects with the first transaction's failure (the items before it
 * stay committed).
 */
export async function updateEach<T>(
  store: MemoryStore,
  items: readonly T[],
  write: (tx: WriteTx, item: T) => void,
  itemsMax = Number.POSITIVE_INFINITY,
  finish?: (tx: WriteTx) => void,
): Promise<void> {
  let next = 0;
  while (next < items.length) {
    const taken = await store.update((tx) => {
      let count = 0;
      // At least one item per transaction; more while the transaction stays small.
      while (
        next + count < items.length &&
        (count === 0 || (count < itemsMax && tx.bytes() < transactionBytesSoftMax))
      ) {
        write(tx, items[next + count]!);
        count++;
      }
      finish?.(tx);
      return count;
    });
    next += taken;
  }
}
