// `npm run bench -- restart [--tasks 100000] [--services 1000] [--profile] [--keep] [--json]`: a single
// manager process is filled with running tasks (big store transactions), pads its log until raft
// has written a snapshot, is killed with SIGKILL and started again from its state directory. We time
// the restart from spawn to the ready line, to GetService answering and to ListTasks returning every
// task. With --profile the restarted process runs under node --cpu-prof and the functions with the
// most self time are listed.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "../../raft/index.js";
import { intFlag } from "./bench-args.js";
import { benchAddr } from "./bench-addresses.js";
import { callControl, controlClient } from "./control-call.js";
import { cpuProfileTop, type ProfileLine } from "./cpu-profile-top.js";
import { formatTable } from "./load.js";
import { ManagerProcess } from "./manager-process.js";

/** Tasks in the store. */
export const restartBenchTasksDefault = 100_000;
/** Services the tasks belong to. */
export const restartBenchServicesDefault = 1_000;
/** Nodes the tasks run on. */
export const restartBenchNodes = 1_000;
/** Longest fill (objects plus padding to a snapshot). */
export const restartBenchFillMsMax = 600_000;
/** Longest restart measured. */
export const restartBenchRestartMsMax = 120_000;
/** Target from the issue: the API answers within this long of the restart. */
export const restartBenchTargetMs = 5_000;
/** Interval of the probes while the manager restarts. */
export const restartBenchProbeMs = 20;

/** Bytes of the files directly in dir. */
function bytesIn(dir: string): number {
  return readdirSync(dir).reduce((sum, name) => sum + statSync(join(dir, name)).size, 0);
}

/** Runs the benchmark; returns the table text and the JSON summary. */
export async function runRestartBench(
  argv: readonly string[] = [],
): Promise<{ text: string; json: Record<string, unknown> }> {
  const tasks = intFlag(argv, "tasks", restartBenchTasksDefault);
  const services = intFlag(argv, "services", restartBenchServicesDefault);
  const profile = argv.includes("--profile");
  // --keep leaves the state directory behind (its path is printed) for looking into a restart by hand.
  const keep = argv.includes("--keep");
  const dir = mkdtempSync(join(tmpdir(), "swarm-bench-restart-"));
  const state = join(dir, "manager-1");
  const profDir = join(tmpdir(), `swarm-bench-restart-prof-${process.pid}`);
  const host = await benchAddr(1);
  const addr = `${host}:${await freePort(host)}`;
  const peers = new Map([[1, addr]]);
  const client = controlClient(addr);
  let manager: ManagerProcess | null = null;
  try {
    manager = ManagerProcess.spawn({
      id: 1,
      dir: state,
      addr,
      peers,
      extra: [
        "--fill-tasks",
        String(tasks),
        "--fill-services",
        String(services),
        "--fill-nodes",
        String(restartBenchNodes),
      ],
    });
    await manager.waitLine((l) => l.ready === true);
    const filled = await manager.waitLine((l) => "filled" in l, restartBenchFillMsMax);
    if (filled.filled !== true) throw new Error(`fill failed: ${String(filled.error)}`);
    const tList = performance.now();
    const before = await callControl(client, "listTasks", {});
    const listWarmMs = performance.now() - tList;
    if (before.tasks.length !== tasks)
      throw new Error(`ListTasks returned ${before.tasks.length} tasks, want ${tasks}`);
    await manager.kill();
    const snapBytes = bytesIn(join(state, "snap"));
    const walBytes = bytesIn(join(state, "wal"));
    if (profile) mkdirSync(profDir, { recursive: true });
    manager = ManagerProcess.spawn({
      id: 1,
      dir: state,
      addr,
      peers,
      ...(profile ? { nodeFlags: ["--cpu-prof", "--cpu-prof-dir", profDir] } : {}),
    });
    const spawnedAt = manager.spawnedAt;
    const end = spawnedAt + restartBenchRestartMsMax;
    const ready = await manager.waitLine((l) => l.ready === true, restartBenchRestartMsMax);
    const readyMs = (ready.at as number) - spawnedAt;
    let getServiceMs = Number.NaN;
    for (;;) {
      try {
        await callControl(client, "getService", { serviceId: "svc-000000" }, 1_000);
        getServiceMs = performance.now() - spawnedAt;
        break;
      } catch {
        if (performance.now() > end) throw new Error("GetService did not answer after the restart");
        await new Promise((r) => setTimeout(r, restartBenchProbeMs));
      }
    }
    let listTasksMs = Number.NaN;
    let listCallMs = Number.NaN;
    for (;;) {
      const t0 = performance.now();
      const list = await callControl(client, "listTasks", {});
      if (list.tasks.length === tasks) {
        listTasksMs = performance.now() - spawnedAt;
        listCallMs = performance.now() - t0;
        break;
      }
      if (performance.now() > end)
        throw new Error(`ListTasks returned ${list.tasks.length} of ${tasks} tasks after the restart`);
    }
    const leading = await manager.waitLine((l) => l.leading === true, restartBenchRestartMsMax);
    const leadingMs = (leading.at as number) - spawnedAt;
    await manager.stop();
    manager = null;
    let top: ProfileLine[] = [];
    if (profile) {
      const file = readdirSync(profDir).find((name) => name.endsWith(".cpuprofile"));
      if (file) top = cpuProfileTop(join(profDir, file));
    }
    const mib = (b: number): string => (b / 1024 / 1024).toFixed(1);
    const text = [
      formatTable(
        ["measure", "value"],
        [
          ["tasks / services / nodes", `${tasks} / ${services} / ${restartBenchNodes}`],
          ["fill (objects, ms)", (filled.fillMs as number).toFixed(0)],
          [
            "padding to a snapshot (entries, ms)",
            `${String(filled.padEntries)}, ${(filled.padMs as number).toFixed(0)}`,
          ],
          ["snapshot files on disk (MiB)", mib(snapBytes)],
          ["WAL segments on disk (MiB)", mib(walBytes)],
          ["ListTasks before the kill (ms)", listWarmMs.toFixed(0)],
          ["spawn → ready line (ms)", readyMs.toFixed(0)],
          ["spawn → GetService answers (ms)", getServiceMs.toFixed(0)],
          [
            `spawn → ListTasks returns all ${tasks} (ms)`,
            `${listTasksMs.toFixed(0)} (that call: ${listCallMs.toFixed(0)})`,
          ],
          ["spawn → leading again (ms)", leadingMs.toFixed(0)],
          // The API answers once GetService does; listing all 100,000 tasks is bounded by moving and
          // decoding ~55 MB in the client, so it is reported beside it, not part of the target.
          [`target: API answers ≤ ${restartBenchTargetMs} ms`, getServiceMs <= restartBenchTargetMs ? "met" : "missed"],
        ],
      ),
      ...(top.length
        ? [
            "",
            `restarted process, top self time (${profDir}):`,
            formatTable(
              ["ms", "function"],
              top.map((l) => [l.selfMs.toFixed(0), l.where]),
            ),
          ]
        : []),
    ].join("\n");
    return {
      text,
      json: {
        bench: "restart",
        tasks,
        services,
        nodes: restartBenchNodes,
        fillMs: filled.fillMs,
        padEntries: filled.padEntries,
        snapBytes,
        walBytes,
        listWarmMs,
        readyMs,
        getServiceMs,
        listTasksMs,
        listCallMs,
        leadingMs,
        targetMs: restartBenchTargetMs,
        profileTop: top,
      },
    };
  } finally {
    client.close();
    await manager?.kill();
    if (keep) process.stderr.write(`restart bench: state directory kept at ${state}\n`);
    else rmSync(dir, { recursive: true, force: true });
  }
}
