// Which writes of a Ready must be fsynced before anything that depends on them (etcd's MustSync).
import type { HardState } from "./types.js";

/**
 * Whether persisting `entries` new entries and `next` (null: unchanged) over the durable
 * `prev` needs an fsync. Entries, a term and a vote are promises made to other members; the
 * commit index alone is a hint this member re-learns from the leader, so losing it in a crash
 * loses nothing, and syncing it would put a disk flush between a quorum's acknowledgement and the
 * apply.
 */
export function mustSync(prev: HardState, next: HardState | null, entries: number): boolean {
  return entries > 0 || (next !== null && (next.term !== prev.term || next.vote !== prev.vote));
}
