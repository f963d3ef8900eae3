// A closed-loop load generator: `concurrency` clients each issue one operation at a time for a
// fixed duration. The same generator drives swarm-ts and the reference system, so their figures
// are comparable. Given the pids of the server processes, it also reports the CPU time they spent
// in the measured window per completed operation, the figure a shared machine does not distort.
import { cpuSpentMs, processesCpuMs } from "./process-cpu.js";

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
  /** CPU time of each server process (in the order of `serverPids`) over the measured window, ms; empty without pids. */
  readonly serverCpuMs: readonly number[];
  /** Operations that completed between the two CPU samples (the divisor of the per-operation figures). */
  readonly windowOps: number;
  /** Time between the two CPU samples, ms. */
  readonly windowMs: number;
  /** Server processes' CPU per completed operation, µs (NaN without pids). */
  readonly serverCpuUsPerOp: number;
  /** The load generator's own CPU (this process) per completed operation, µs. */
  readonly clientCpuUsPerOp: number;
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
  /**
   * Server processes whose CPU time (/proc) is sampled when the measured window opens and once the
   * last operation has returned; every operation completed in between counts.
   */
  serverPids?: readonly number[];
}): Promise<LoadResult> {
  const drainMsMax = options.drainMsMax ?? closedLoopDrainMsMax;
  const latencies: number[] = [];
  let errors = 0;
  let completed = 0;
  const serverPids = options.serverPids ?? [];
  let opened: { server: Map<number, number>; client: NodeJS.CpuUsage; completed: number; at: number } | undefined;
  const openWindowOnce = (): void => {
    opened ??= { server: processesCpuMs(serverPids), client: process.cpuUsage(), completed, at: performance.now() };
  };
  const start = performance.now();
  const measureFrom = start + options.warmupMs;
  const end = measureFrom + options.durationMs;
  let running = options.concurrency;
  const loops = Promise.all(
    Array.from({ length: options.concurrency }, async (_, client) => {
      for (let n = 0; performance.now() < end; n++) {
        const t0 = performance.now();
        // Opened before the first operation the measurement counts, so the window holds them all.
        if (t0 >= measureFrom) openWindowOnce();
        try {
          await options.op(client, n);
          completed++;
          if (t0 >= measureFrom) latencies.push(performance.now() - t0);
        } catch {
          if (t0 >= measureFrom) errors++;
        }
      }
      running--;
    }),
  );
  const openWindow = setTimeout(openWindowOnce, options.warmupMs);
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
    clearTimeout(openWindow);
  }
  // A run shorter than its warm-up never opened the window: it then spans the whole run.
  const from = opened ?? { server: new Map<number, number>(), client: { user: 0, system: 0 }, completed: 0, at: start };
  const serverCpuMs = cpuSpentMs(serverPids, from.server, processesCpuMs(serverPids));
  const client = process.cpuUsage(from.client);
  const windowOps = completed - from.completed;
  const windowMs = performance.now() - from.at;
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
    serverCpuMs,
    windowOps,
    windowMs,
    serverCpuUsPerOp: serverPids.length ? (serverCpuMs.reduce((a, b) => a + b, 0) * 1000) / windowOps : Number.NaN,
    clientCpuUsPerOp: (client.user + client.system) / windowOps,
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
