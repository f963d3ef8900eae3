// Goal: the CPU time read from /proc is this process's own, as the kernel counts it.
import test from "ava";
import { createHash } from "node:crypto";
import { cpuSpentMs, processCpuMs, processesCpuMs } from "./process-cpu.js";

test("processCpuMs follows the CPU time process.cpuUsage reports", (t) => {
  const fromProc = processCpuMs(process.pid);
  const usage = process.cpuUsage();
  const fromNodeMs = (usage.user + usage.system) / 1000;
  // Both count the same process; /proc in 10 ms ticks per thread, so allow some ticks of difference.
  t.true(Math.abs(fromProc - fromNodeMs) <= 100, `/proc ${fromProc} ms, process.cpuUsage ${fromNodeMs} ms`);
});

test("cpuSpentMs gives what each process spent between two samples", (t) => {
  const before = processesCpuMs([process.pid]);
  const data = Buffer.alloc(1 << 20, 1);
  const start = process.cpuUsage();
  while (process.cpuUsage(start).user < 300_000) createHash("sha256").update(data).digest();
  const [spent] = cpuSpentMs([process.pid], before, processesCpuMs([process.pid]));
  t.true(spent! >= 250 && spent! <= 2_000, `spent ${spent} ms`);
});
