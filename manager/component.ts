// What the leader's components share: they run until leadership ends, react to store commits, and
// coalesce bursts of commits into one pass per turn of the event loop: work is batched until a
// commit event, so a burst of a thousand commits costs one pass, not a thousand.
import { type Cancel, type Clock, type Log, realClock } from "../common/index.js";
import type { MemoryStore, StoreCommit } from "./store/index.js";
import { isLostRace, writeRetryMsMin } from "./write-failure.js";

/** A leader-only component: runs until the signal aborts. */
export interface LeaderComponent {
  /** Runs until leadership is lost. */
  run(signal: AbortSignal): Promise<void>;
}

/** What every leader component may be given: its time and its ids (for tests and the simulator). */
export interface ComponentOptions {
  /** Time and timers (default: the real clock). */
  readonly clock?: Clock;
  /** New object ids (default: randomId). */
  readonly newId?: () => string;
  /** Where failures of background work go (default: nowhere). */
  readonly log?: Log;
}

/** How a pass waits for a burst of requests to end before it runs. */
export interface PassDebounce {
  /** Runs once no request came for this long. */
  readonly quietMs: number;
  /** But never later than this after the first request of the burst. */
  readonly latencyMsMax: number;
}

/**
 * Runs `pass` at most once per turn of the event loop however often it is requested (or, with a
 * debounce, once per burst of requests), never two at a time, and never after stop(). A pass
 * requested while one runs is run again once it has finished.
 */
export class CoalescedPass {
  private scheduled = false;
  private running = false;
  private again = false;
  private active = true;
  private burstStartMs = 0;
  private timer: Cancel | null = null;
  private retryTimer: Cancel | null = null;
  private readonly debounce: PassDebounce | undefined;
  private readonly clock: Clock;

  constructor(
    private readonly pass: () => Promise<void>,
    options: { readonly debounce?: PassDebounce | undefined; readonly clock?: Clock | undefined } = {},
  ) {
    this.debounce = options.debounce;
    this.clock = options.clock ?? realClock;
  }

  /** Asks for a pass soon. */
  request(): void {
    if (!this.active) return;
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.debounce) return this.requestDebounced(this.debounce);
    if (this.scheduled) return;
    this.scheduled = true;
    this.clock.defer(() => {
      this.scheduled = false;
      this.start();
    });
  }

  /**
   * Asks for a pass after its store write failed (logged already: afterWriteFailure). A write that
   * lost a race with a concurrent one is looked at again at once, from the new state. Any other
   * failure waits writeRetryMsMin first: a proposal dropped while leadership moves is refused
   * again on every try for as long as the move lasts (up to an election timeout), and at once
   * the pass would spin through it, a proposal refused each turn.
   */
  requestAfterFailure(error: unknown): void {
    if (isLostRace(error)) return this.request();
    if (!this.active || this.retryTimer) return;
    this.retryTimer = this.clock.after(writeRetryMsMin, () => {
      this.retryTimer = null;
      this.request();
    });
  }

  /** Stops for good. */
  stop(): void {
    this.active = false;
    this.timer?.();
    this.timer = null;
    this.retryTimer?.();
    this.retryTimer = null;
  }

  /** Whether stop() has not been called. */
  get isActive(): boolean {
    return this.active;
  }

  private requestDebounced(debounce: PassDebounce): void {
    const now = this.clock.monotonicMs();
    if (this.timer) this.timer();
    else this.burstStartMs = now;
    const due = Math.min(now + debounce.quietMs, this.burstStartMs + debounce.latencyMsMax);
    this.timer = this.clock.after(Math.max(0, due - now), () => {
      this.timer = null;
      this.start();
    });
  }

  private start(): void {
    if (!this.active) return;
    this.running = true;
    this.again = false;
    void this.pass().finally(() => {
      this.running = false;
      if (this.again) this.request();
    });
  }
}

/**
 * The common body of a component's run(): watch the store's commits, run one pass at start, and
 * return once the signal aborts, unwatching and stopping the pass.
 */
export async function runWatching(
  store: MemoryStore,
  signal: AbortSignal,
  pass: CoalescedPass,
  onCommit: (commit: StoreCommit) => void,
): Promise<void> {
  const unwatch = store.watch(onCommit);
  pass.request();
  await new Promise<void>((resolve) => {
    if (signal.aborted) resolve();
    signal.addEventListener("abort", () => resolve(), { once: true });
  });
  unwatch();
  pass.stop();
}
