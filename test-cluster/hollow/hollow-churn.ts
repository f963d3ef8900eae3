// Task churn of hollow workers: real clusters see tasks exit and crash now and then, and each exit
// is a status report, a restart decision of the orchestrator and a new placement. The churn makes
// running fake containers exit at a steady average rate, half of them with success and half with
// a failure, so a scale run carries that background work.
import { type Cancel, type Clock, realClock } from "../../common/index.js";
import type { FakeExecutor } from "../../worker/index.js";

/** How often the churn draws exits. */
export const churnTickMs = 1_000;

/** Most exits in one tick, whatever the rate: a mistyped rate must not stop every task at once. */
export const churnExitsPerTickMax = 100;

/** Exit code of a churned task that fails (the other half exit with 0). */
export const churnFailureExitCode = 1;

/** One exit the churn made. */
export interface HollowExit {
  readonly taskId: string;
  readonly exitCode: number;
}

/** Makes running fake containers exit at random, at an average rate per running task. */
export class HollowChurn {
  private readonly cancel: Cancel;
  /** Fractional exits carried to the next tick, so low rates still produce exits. */
  private carry = 0;

  constructor(
    private readonly executors: readonly FakeExecutor[],
    /** Share of running tasks that exit per hour. */
    private readonly exitsPerTaskHour: number,
    private readonly onExit: (exit: HollowExit) => void = () => undefined,
    /** The clock whose ticks draw exits (a test passes a FakeClock). */
    clock: Clock = realClock,
  ) {
    this.cancel = clock.every(churnTickMs, () => this.tick(), { keepAlive: false });
  }

  /** Stops making exits. */
  stop(): void {
    this.cancel();
  }

  private tick(): void {
    const running: [FakeExecutor, string][] = [];
    for (const executor of this.executors)
      for (const c of executor.state.containers.values()) if (c.running) running.push([executor, c.taskId]);
    this.carry += (running.length * this.exitsPerTaskHour * churnTickMs) / 3_600_000;
    const exits = Math.min(Math.floor(this.carry), churnExitsPerTickMax, running.length);
    this.carry -= Math.floor(this.carry);
    for (let n = 0; n < exits; n++) {
      const pick = n + Math.floor(Math.random() * (running.length - n));
      [running[n], running[pick]] = [running[pick]!, running[n]!];
      const [executor, taskId] = running[n]!;
      const exitCode = Math.random() < 0.5 ? 0 : churnFailureExitCode;
      executor.exit(taskId, exitCode);
      this.onExit({ taskId, exitCode });
    }
  }
}
