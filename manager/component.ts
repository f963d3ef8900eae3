// What the leader's components share: they run until leadership ends, react to store commits, and
// coalesce bursts of commits into one pass per turn of the event loop (DESIGN.md § 8.2: "batch work
// until a commit event").
import type { MemoryStore, StoreCommit } from "./store/index.js";

/** A leader-only component: runs until the signal aborts. */
export interface LeaderComponent {
  /** Runs until leadership is lost. */
  run(signal: AbortSignal): Promise<void>;
}

/**
 * Runs `pass` at most once per turn of the event loop however often it is requested, and never
 * after stop(). A pass that is requested while one runs is run again afterwards.
 */
export class CoalescedPass {
  private scheduled = false;
  private active = true;

  constructor(private readonly pass: () => Promise<void>) {}

  /** Asks for a pass soon. */
  request(): void {
    if (this.scheduled || !this.active) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      if (this.active) void this.pass();
    });
  }

  /** Stops for good. */
  stop(): void {
    this.active = false;
  }

  /** Whether stop() has not been called. */
  get isActive(): boolean {
    return this.active;
  }
}

/**
 * The common body of a component's run(): watch the store's commits, run one pass at start, and
 * return once the signal aborts, unwatching and stopping the pass.
 */
export async function runWatching(store: MemoryStore, signal: AbortSignal, pass: CoalescedPass, onCommit: (commit: StoreCommit) => void): Promise<void> {
  const unwatch = store.watch(onCommit);
  pass.request();
  await new Promise<void>((resolve) => {
    if (signal.aborted) resolve();
    signal.addEventListener("abort", () => resolve(), { once: true });
  });
  unwatch();
  pass.stop();
}
