// `npm run bench -- idle [--seconds 20] [--profile] [--json]`: what an idle 3-manager cluster spends
// on CPU (the api benchmark's cluster: separate processes, loopback, WAL fsync on, no services,
// no load). Each manager's user + system time over the window comes from /proc, in ms per second.
// With --profile every manager runs under --cpu-prof, and each one's CPU is broken down by the
// nearest function of our own code on the sampled stack (what caused the work, grpc-js and Node
// internals included) and by the functions with the most self time.
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "../../raft/index.js";
import { intFlag } from "./bench-args.js";
import { benchAddr } from "./bench-addresses.js";
import { cpuProfileByCause, cpuProfileTop, type ProfileWindow } from "./cpu-profile-top.js";
import { ManagerProcess } from "./manager-process.js";
import { cpuSpentMs, processesCpuMs } from "./process-cpu.js";

/** Idle window measured, seconds. */
export const idleBenchSecondsDefault = 20;
/** Settling time after the leader is elected and before the window starts. */
export const idleBenchSettleMs = 3_000;
/** How long the cluster may take to elect a leader. */
export const idleBenchLeaderMsMax = 30_000;
/** Lines of each profile listing. */
export const idleBenchProfileLines = 12;

/** Runs the benchmark; returns the table text and the JSON summary. */
export async function runIdleBench(
  argv: readonly string[] = [],
): Promise<{ text: string; json: Record<string, unknown> }> {
  const windowMs = intFlag(argv, "seconds", idleBenchSecondsDefault) * 1000;
  const profDir = argv.includes("--profile") ? mkdtempSync(join(tmpdir(), "swarm-bench-idle-prof-")) : null;
  const dir = mkdtempSync(join(tmpdir(), "swarm-bench-idle-"));
  const addrs = new Map<number, string>();
  for (const id of [1, 2, 3]) addrs.set(id, `${await benchAddr(id)}:${await freePort(await benchAddr(id))}`);
  const nodeFlags = profDir ? ["--cpu-prof", "--cpu-prof-dir", profDir] : [];
  const managers = [...addrs].map(([id, addr]) =>
    ManagerProcess.spawn({ id, dir: join(dir, `manager-${id}`), addr, peers: addrs, nodeFlags }),
  );
  const lines: string[] = [];
  const perManager: { role: string; pid: number; msPerSecond: number; window: ProfileWindow }[] = [];
  try {
    await Promise.all(managers.map((m) => m.waitLine((l) => l.ready === true)));
    const end = performance.now() + idleBenchLeaderMsMax;
    let leader = managers.find((m) => m.isLeading);
    while (!leader) {
      if (performance.now() > end) throw new Error("no manager became leader");
      await new Promise((r) => setTimeout(r, 20));
      leader = managers.find((m) => m.isLeading);
    }
    await new Promise((r) => setTimeout(r, idleBenchSettleMs));
    const ordered = [leader, ...managers.filter((m) => m !== leader)];
    const pids = ordered.map((m) => m.pid);
    const before = processesCpuMs(pids);
    const t0 = performance.now();
    const fromUs = Number(process.hrtime.bigint() / 1000n);
    await new Promise((r) => setTimeout(r, windowMs));
    const spent = cpuSpentMs(pids, before, processesCpuMs(pids));
    const seconds = (performance.now() - t0) / 1000;
    const window = { fromUs, toUs: Number(process.hrtime.bigint() / 1000n) };
    for (const [i, m] of ordered.entries()) {
      perManager.push({
        role: i === 0 ? "leader" : "follower",
        pid: m.pid,
        msPerSecond: (spent[i] ?? 0) / seconds,
        window,
      });
    }
  } finally {
    await Promise.all(managers.map((m) => m.stop()));
    rmSync(dir, { recursive: true, force: true });
  }
  const total = perManager.reduce((a, m) => a + m.msPerSecond, 0);
  lines.push(`idle 3-manager cluster, ${windowMs / 1000} s window: ${total.toFixed(1)} ms/s of CPU in all`);
  for (const m of perManager) lines.push(`  ${m.role.padEnd(8)} pid ${m.pid}: ${m.msPerSecond.toFixed(1)} ms/s`);
  if (profDir) {
    for (const m of perManager) {
      const file = readdirSync(profDir).find((f) => f.includes(`.${m.pid}.`));
      if (!file) continue;
      const path = join(profDir, file);
      lines.push(`${m.role} ${m.pid}, main thread over the window by cause (nearest own function on the stack), ms:`);
      for (const l of cpuProfileByCause(path, idleBenchProfileLines, m.window))
        lines.push(`  ${l.selfMs.toFixed(1).padStart(8)}  ${l.where}`);
      lines.push(`${m.role} ${m.pid}, self time, ms:`);
      for (const l of cpuProfileTop(path, idleBenchProfileLines, m.window))
        lines.push(`  ${l.selfMs.toFixed(1).padStart(8)}  ${l.where}`);
    }
    rmSync(profDir, { recursive: true, force: true });
  }
  return {
    text: lines.join("\n"),
    json: {
      windowMs,
      idleMsPerSecond: total,
      managers: perManager.map(({ role, pid, msPerSecond }) => ({ role, pid, msPerSecond })),
    },
  };
}
