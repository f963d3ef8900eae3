// A closed-loop load generator: `concurrency` clients each issue one operation at a time for a
// fixed duration. The same generator drives swarm-ts and the reference system, so their figures
// are comparable.

/** Result of one load level. */
export interface LoadResult {
  /** Concurrent clients. */
  readonly concurrency: number;
  /** Operations that succeeded. */
  readonly ops: number;
  /** Operations that failed. */
  readonly errors: number;
  /** Successful operations per second. */
  readonly perSecond: number;
  /** Median latency, ms. */
  readonly p50Ms: number;
  /** 99th percentile latency, ms. */
  readonly p99Ms: number;
}

/** How long after the measured time the last operations may take before the run fails. */
export const closedLoopDrainMsMax = 30_000;

/**
 * Runs `op` in `concurrency` loops for durationMs (after a warm-up) and measures it. Operations
 * still running closedLoopDrainMsMax after the end fail the run: a stuck call cannot hang it.
 */
export async function runClosedLoop(options: {
  concurrency: number;
  durationMs: number;
  warmupMs: number;
  op: (client: number, n: number) => Promise<void>;
  /** Overrides {@link closedLoopDrainMsMax}. */
  drainMsMax?: number;
}): Promise<LoadResult> {
  const drainMsMax = options.drainMsMax ?? closedLoopDrainMsMax;
  const latencies: number[] = [];
  let errors = 0;
  const start = performance.now();
  const measureFrom = start + options.warmupMs;
  const end = measureFrom + options.durationMs;
  let running = options.concurrency;
  const loops = Promise.all(
    Array.from({ length: options.concurrency }, async (_, client) => {
      for (let n = 0; performance.now() < end; n++) {
        const t0 = performance.now();
        try {
          await options.op(client, n);
          if (t0 >= measureFrom) latencies.push(performance.now() - t0);
        } catch {
          if (t0 >= measureFrom) errors++;
        }
      }
      running--;
    }),
  );
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stuck = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new Error(
            `${running} of ${options.concurrency} clients still waiting ${drainMsMax} ms after the measured time`,
          ),
        ),
      end - start + drainMsMax,
    );
  });
  try {
    await Promise.race([loops, stuck]);
  } finally {
    clearTimeout(timer);
  }
  latencies.sort((a, b) => a - b);
  const at = (q: number): number =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? Number.NaN;
  return {
    concurrency: options.concurrency,
    ops: latencies.length,
    errors,
    perSecond: latencies.length / (options.durationMs / 1000),
    p50Ms: at(0.5),
    p99Ms: at(0.99),
  };
}

/** Percentile of a list of numbers. */
export function percentile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

/** Formats rows as an aligned text table. */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join("  ")
      .trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}
