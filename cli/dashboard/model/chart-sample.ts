// The tasks-by-state chart: how many of the tasks the managers want running (or, for jobs,
// complete) are in each phase, sampled at a steady period and kept for a bounded window.
import { swarm } from "../../../proto/index.js";
import { type ChartPoint, type TaskPhase, taskPhases } from "../shared/view-models.js";
import { taskPhaseOf } from "./enum-names.js";
import type { StoreMirror } from "./store-mirror.js";

/** Samples kept (with a 2 s period: the last 6 minutes). */
export const chartPointsMax = 180;

/** The counts by phase of the tasks the managers want running or complete, at `atMs`. */
export function chartPoint(mirror: StoreMirror, atMs: number): ChartPoint {
  const counts = Object.fromEntries(taskPhases.map((p) => [p, 0])) as Record<TaskPhase, number>;
  for (const t of mirror.all("task").values()) {
    if (Number(t.desiredState ?? 0) > Number(swarm.v1.TaskState.TASK_STATE_COMPLETE)) continue;
    counts[taskPhaseOf(t.status?.state)]++;
  }
  return { atMs, counts };
}

/** A bounded series of samples. */
export class ChartSeries {
  private readonly points: ChartPoint[] = [];

  /** Adds a sample, dropping the oldest beyond {@link chartPointsMax}. */
  push(point: ChartPoint): void {
    this.points.push(point);
    if (this.points.length > chartPointsMax) this.points.shift();
  }

  /** The samples, oldest first. */
  all(): readonly ChartPoint[] {
    return this.points;
  }
}
