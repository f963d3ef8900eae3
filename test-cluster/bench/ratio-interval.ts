// How precisely a benchmark's p50 ratio is known. Two systems timed in alternation give paired
// samples (run i of each under the same machine load); resampling the pairs (a paired bootstrap)
// shows how far the ratio of the two medians moves by chance alone. An interval that holds 1.00
// means the benchmark cannot tell the two apart at this number of runs.
import { SeededRandom } from "../../common/index.js";

/** Resamples drawn when the caller does not say. */
export const bootstrapResamplesDefault = 2_000;

/** Seed of the resampling, so the same samples always give the same interval. */
export const bootstrapSeed = 23;

/** The median of `values` (the lower middle of an even count, as the benchmarks' p50). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(sorted.length / 2) - 1)] ?? Number.NaN;
}

/**
 * The central 95% interval of median(a) / median(b) over paired resamples of (a[i], b[i]);
 * `a` and `b` have the same length (runs alternated one for one).
 */
export function p50RatioInterval(
  a: readonly number[],
  b: readonly number[],
  resamples = bootstrapResamplesDefault,
): { low: number; high: number } {
  const n = Math.min(a.length, b.length);
  if (n === 0) return { low: Number.NaN, high: Number.NaN };
  const random = new SeededRandom(bootstrapSeed);
  const ratios: number[] = [];
  const ra = new Array<number>(n);
  const rb = new Array<number>(n);
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < n; i++) {
      const pick = random.nextInt(n);
      ra[i] = a[pick]!;
      rb[i] = b[pick]!;
    }
    ratios.push(median(ra) / median(rb));
  }
  ratios.sort((x, y) => x - y);
  return {
    low: ratios[Math.floor(0.025 * resamples)]!,
    high: ratios[Math.min(resamples - 1, Math.ceil(0.975 * resamples) - 1)]!,
  };
}
