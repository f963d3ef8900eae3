// A simulated manager disk for the cluster simulator: raft's saves become durable after a seeded
// fsync delay, and a crash loses the saves still in flight.
import type { FakeClock, SeededRandom } from "../../common/index.js";
import type { Entry, HardState, RaftStorage, RecoveredState, Snapshot } from "../../raft/index.js";

/** A disk whose saves become durable after a simulated fsync; a crash loses those still in flight. */
export class SimDisk {
  hardState: HardState = { term: 0, vote: 0, commit: 0 };
  entries: Entry[] = [];
  snapshot: Snapshot | null = null;
  private epoch = 0;
  constructor(
    private readonly clock: FakeClock,
    private readonly random: SeededRandom,
  ) {}

  storage(): RaftStorage {
    const epoch = this.epoch;
    const later = (write: () => void): Promise<void> =>
      new Promise((resolve) => {
        this.clock.after(1 + this.random.nextInt(5), () => {
          if (epoch !== this.epoch) return; // crashed before the sync: the write is lost
          write();
          resolve();
        });
      });
    return {
      save: (batch) =>
        later(() => {
          const first = batch.entries[0];
          if (first) this.entries = [...this.entries.filter((e) => e.index < first.index), ...batch.entries];
          if (batch.hardState) this.hardState = batch.hardState;
        }),
      saveSnapshot: (snapshot) =>
        later(() => {
          if (this.snapshot && this.snapshot.meta.index >= snapshot.meta.index) return;
          this.snapshot = snapshot;
          this.entries = this.entries.filter((e) => e.index > snapshot.meta.index);
        }),
      releaseTo: (index) => {
        this.entries = this.entries.filter((e) => e.index > Math.min(index, this.snapshot?.meta.index ?? 0));
        return Promise.resolve(0);
      },
    };
  }

  crash(): void {
    this.epoch++;
  }

  recovered(): RecoveredState {
    const from = this.snapshot?.meta.index ?? 0;
    return { hardState: this.hardState, snapshot: this.snapshot, entries: this.entries.filter((e) => e.index > from) };
  }
}
