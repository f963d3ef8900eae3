// Rebuilding the raft log from WAL records, with the replay semantics of wal-format.ts: an entry
// replaces every entry at or after its index, a snapshot marker that does not match the log
// replaces the whole log, the last hard state wins.
import type { Entry, HardState } from "../core/index.js";
import { WalCorruptError } from "./errors.js";
import type { WalRecord } from "./wal-format.js";

/** The hard state of a member that never saved one. */
export const emptyHardState: HardState = Object.freeze({ term: 0, vote: 0, commit: 0 });

/** A place in the WAL, for error messages. */
interface Place {
  readonly file: string;
  readonly offset: number;
}

/** Accumulates the log, hard state and snapshot markers while segments are read in order. */
export class LogReplay {
  /** Index just before entries[0]; null until the first entry or marker. */
  private base: number | null = null;
  /** Where `base` was set: the first retained entry or the marker that reset the log. */
  private basePlace: Place | null = null;
  private entries: Entry[] = [];
  private readonly markers = new Set<string>();
  /** Highest snapshot index a marker names; 0 when none. */
  newestMarkerIndex = 0;
  /** Last hard state replayed. */
  hardState: HardState = emptyHardState;
  /** Where the last hard state was read, for error messages. */
  hardStatePlace: Place | null = null;

  /** Applies one record read at `offset` of `file`. Throws WalCorruptError on a gap. */
  apply(record: WalRecord, file: string, offset: number): void {
    switch (record.type) {
      case "segment-header":
        return;
      case "entry":
        this.applyEntry(record.entry, { file, offset });
        return;
      case "hard-state":
        this.hardState = record.hardState;
        this.hardStatePlace = { file, offset };
        return;
      case "snapshot-marker":
        this.applyMarker(record.index, record.term, { file, offset });
        return;
    }
  }

  private applyEntry(entry: Entry, place: Place): void {
    const i = entry.index;
    if (i < 1) throw new WalCorruptError(place.file, place.offset, `entry with index ${i}`);
    if (this.base === null || i <= this.base) {
      // The first entry of the retained log (older segments may have been released).
      this.base = i - 1;
      this.basePlace = place;
      this.entries = [entry];
      return;
    }
    const last = this.base + this.entries.length;
    if (i > last + 1)
      throw new WalCorruptError(place.file, place.offset, `entry ${i} leaves a gap after entry ${last}`);
    this.entries.length = i - this.base - 1;
    this.entries.push(entry);
  }

  private applyMarker(index: number, term: number, place: Place): void {
    this.markers.add(markerKey(index, term));
    this.newestMarkerIndex = Math.max(this.newestMarkerIndex, index);
    if (this.base !== null && index <= this.base) return;
    if (this.base !== null && index <= this.base + this.entries.length) {
      // A snapshot of our own log (or of a leader's log that matches ours there) keeps the log.
      if (this.entries[index - this.base - 1]!.term === term) return;
    }
    // The snapshot replaced the log: it came from a leader whose log differs or is longer.
    this.base = index;
    this.basePlace = place;
    this.entries = [];
  }

  /** True when the WAL holds a marker for a snapshot at (index, term). */
  hasMarker(index: number, term: number): boolean {
    return this.markers.has(markerKey(index, term));
  }

  /** Index of the last replayed entry (or of the marker the log restarted from), 0 when none. */
  lastIndex(): number {
    return this.base === null ? 0 : this.base + this.entries.length;
  }

  /**
   * The entries after a snapshot at `snapshotIndex` (0: no snapshot). Throws WalCorruptError when
   * the retained log starts after snapshotIndex + 1: entries in between are lost.
   */
  entriesAfter(snapshotIndex: number): Entry[] {
    if (this.base !== null && this.base > snapshotIndex) {
      const place = this.basePlace!;
      throw new WalCorruptError(
        place.file,
        place.offset,
        `the log starts after index ${this.base}, but the newest usable snapshot covers only up to index ${snapshotIndex}`,
      );
    }
    if (this.base === null) return [];
    return this.entries.slice(Math.max(0, snapshotIndex - this.base));
  }
}

function markerKey(index: number, term: number): string {
  return `${index}/${term}`;
}
