// Keeps a manager's DEK file in step with the cluster's autolock setting: every manager follows the
// replicated cluster object and re-wraps its own DEK when autolock is switched on or off or the
// unlock key rotates, so after the change the current unlock key (and only it) opens every manager.
import { realClock } from "../common/index.js";
import type { MemoryStore } from "../manager/index.js";
import { encodeDekFile, writeDekFile } from "./dek-store.js";

/** Logs what the keeper did (a re-wrap, a failed write). */
export type DekKeeperLog = (level: "info" | "warn", event: string, fields: Record<string, unknown>) => void;

/** The unlock key the cluster object asks for: its key when autolock is on, else null. */
export function wantedUnlockKey(store: MemoryStore): Uint8Array | null {
  const cluster = store.view((tx) => tx.all("cluster")[0]);
  if (!cluster?.spec?.encryptionConfig?.autoLockManagers) return null;
  const key = cluster.unlockKey;
  return key && key.length > 0 ? key : null;
}

function sameKey(a: Uint8Array | null, b: Uint8Array | null): boolean {
  if (a === null || b === null) return a === b;
  return Buffer.from(a).equals(Buffer.from(b));
}

/** Re-wraps one manager's DEK file whenever the cluster's unlock key changes. */
export class DekKeeper {
  private current: Uint8Array | null;
  private chain: Promise<void> = Promise.resolve();
  private scheduled = false;
  private unsubscribe: (() => void)[] = [];
  private store: MemoryStore | null = null;

  constructor(
    private readonly managerDir: string,
    private readonly dek: Uint8Array,
    /** The unlock key the file is wrapped with now (null: stored plain). */
    unlockKey: Uint8Array | null,
    private readonly log: DekKeeperLog,
  ) {
    this.current = unlockKey;
  }

  /** Follows the store's commits and snapshot installs; checks at once too (the log replayed before). */
  follow(store: MemoryStore): void {
    this.store = store;
    this.unsubscribe.push(store.watch(() => this.schedule(store)));
    this.unsubscribe.push(store.onRestore(() => this.schedule(store)));
    this.schedule(store);
  }

  /** Re-wraps now if the cluster asks for another key than the file's; resolves once written. */
  sync(store: MemoryStore): Promise<void> {
    this.chain = this.chain.then(() => this.rewrap(wantedUnlockKey(store)));
    return this.chain;
  }

  /** Stops following; a change applied just before (its check still scheduled) is written first. */
  async stop(): Promise<void> {
    for (const off of this.unsubscribe.splice(0)) off();
    if (this.store) await this.sync(this.store);
    this.store = null;
  }

  /** Coalesces a burst of commits (a log replay) into one check of the latest cluster object. */
  private schedule(store: MemoryStore): void {
    if (this.scheduled) return;
    this.scheduled = true;
    realClock.defer(() => {
      this.scheduled = false;
      void this.sync(store);
    });
  }

  private async rewrap(wanted: Uint8Array | null): Promise<void> {
    if (sameKey(wanted, this.current)) return;
    try {
      await writeDekFile(this.managerDir, encodeDekFile(this.dek, wanted));
      this.current = wanted === null ? null : Buffer.from(wanted);
      this.log("info", "node.dek-rewrapped", { locked: wanted !== null });
    } catch (error) {
      this.log("warn", "node.dek-rewrap-failed", { error: String(error) });
    }
  }
}
