// `npm run bench -- converge [--replicas 50] [--rounds 1] [--json]`: how fast one node converges on the local
// Docker Engine, against the engine itself and Docker Swarm mode on the same engine, in one run.
//  - ours: an in-process Manager and one Agent with the DockerExecutor; a busybox `sleep` service
//    created with 0 replicas is scaled to N (timed until ListTasks shows N RUNNING), then to 0
//    (timed until no container of it runs);
//  - raw engine: N `docker run -d` through the docker CLI, 10 at a time, then `docker rm -f`, 10
//    at a time, as an operator would script it;
//  - Docker Swarm: `docker swarm init` on loopback, a service with 0 replicas scaled to N (timed
//    until N of its tasks run), then to 0 (until none of its containers runs); then the service
//    is removed and the engine leaves swarm mode.
// Every container is the same `sleep 86400` from the test image, without an init process. Ours
// and Swarm's are given SIGKILL as their stop signal: `sleep` as PID 1 ignores SIGTERM, so a
// stop would otherwise wait out the grace period, and the raw engine's `docker rm -f` kills too.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import Docker from "dockerode";
import { Manager } from "../../manager/index.js";
import { swarm } from "../../proto/index.js";
import { freePort } from "../../raft/index.js";
import { Agent, DockerExecutor, ensureEngine, labelKeys, testImage } from "../../worker/index.js";
import { intFlag } from "./bench-args.js";
import { benchAddr } from "./bench-addresses.js";
import { callControl, controlClient } from "./control-call.js";
import { formatTable } from "./load.js";

const run = promisify(execFile);
const S = swarm.v1.TaskState;

/** Replicas the service is scaled to. */
export const convergeReplicasDefault = 50;
/** Docker CLI calls the raw-engine run keeps in flight. */
export const convergeRawParallel = 10;
/** Poll period while waiting for a state, in ms. */
export const convergePollMs = 50;
/** Longest any one convergence may take, in ms. */
export const convergeWaitMsMax = 300_000;
/** Target: our scale-up rate at least this share of the raw engine's. */
export const convergeTargetVsRaw = 0.9;
/** Target: our scale-up rate at least this multiple of Docker Swarm's. */
export const convergeTargetVsSwarm = 2.5;
/** Rounds of ours and the raw engine (Docker Swarm runs once: its init and leave are slow). */
export const convergeRoundsDefault = 1;
/** Loopback address of the benchmark's manager. */
export const convergeManagerHost = (): Promise<string> => benchAddr(1);

/** One system's two timings, in ms. */
interface Timing {
  readonly upMs: number;
  readonly downMs: number;
}

/** Where our scale-up spent its time, from the agent's own status events (ms after the update call). */
interface Breakdown {
  /** The first task ACCEPTED: orchestrator, scheduler and dispatcher latency. */
  readonly firstAcceptedMs: number;
  /** The last task READY: every container created. */
  readonly lastReadyMs: number;
  /** The last task RUNNING on the agent: every container started. */
  readonly lastRunningMs: number;
  /** Agent CPU time (user + system) of this process during the scale-up. */
  readonly cpuMs: number;
}

const docker = new Docker();

/** The median of each timing over rounds (the mean of the middle two for an even count). */
function median(runs: readonly Timing[]): Timing {
  const mid = (xs: number[]): number => {
    const sorted = [...xs].sort((a, b) => a - b);
    const half = Math.floor(sorted.length / 2);
    return sorted.length % 2 === 1 ? sorted[half]! : (sorted[half - 1]! + sorted[half]!) / 2;
  };
  return { upMs: mid(runs.map((x) => x.upMs)), downMs: mid(runs.map((x) => x.downMs)) };
}

/** Polls `probe` until it holds; resolves with the time it first held (performance.now()). */
async function until(what: string, probe: () => Promise<boolean>): Promise<number> {
  const end = performance.now() + convergeWaitMsMax;
  for (;;) {
    if (await probe()) return performance.now();
    if (performance.now() > end) throw new Error(`converge bench: timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, convergePollMs));
  }
}

/** Containers carrying a label that are running. */
async function runningWithLabel(label: string): Promise<number> {
  return (await docker.listContainers({ filters: { label: [label], status: ["running"] } })).length;
}

/** Removes every container carrying a label (what a failed run left behind). */
async function removeWithLabel(label: string): Promise<void> {
  const left = await docker.listContainers({ all: true, filters: { label: [label] } });
  await Promise.all(
    left.map((c) =>
      docker
        .getContainer(c.Id)
        .remove({ force: true, v: true })
        .catch(() => undefined),
    ),
  );
}

/** Runs `count` jobs, `parallel` at a time. */
async function pool(count: number, parallel: number, job: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) await job(next++);
  };
  await Promise.all(Array.from({ length: Math.min(parallel, count) }, worker));
}

/** Ours: one manager, one agent with the Docker executor. */
async function runOurs(replicas: number): Promise<Timing & { breakdown: Breakdown }> {
  const dir = mkdtempSync(join(tmpdir(), "swarm-bench-converge-"));
  const host = await convergeManagerHost();
  const addr = `${host}:${await freePort(host)}`;
  const name = `converge-ours-${process.pid}`;
  const label = `${labelKeys.serviceName}=${name}`;
  const manager = await Manager.start({ id: 1, dir: join(dir, "manager"), addr, bootstrap: new Map([[1, addr]]) });
  const client = controlClient(addr);
  let agent: Agent | null = null;
  try {
    await until("the leader", () => Promise.resolve(manager.isLeading));
    agent = await Agent.start({
      stateDir: join(dir, "agent"),
      nodeId: `converge-${process.pid}`,
      managers: [addr],
      executor: new DockerExecutor(),
      log: () => undefined,
    });
    await agent.whenConnected();
    await until("the node", () =>
      Promise.resolve(
        manager.store
          .view((tx) => tx.all("node"))
          .some((n) => Number(n.status?.state ?? 0) === Number(swarm.v1.NodeStatus.State.STATE_READY)),
      ),
    );
    const container = { image: testImage, command: ["sleep", "86400"], stopSignal: "SIGKILL" };
    const created = await callControl(client, "createService", {
      spec: { annotations: { name }, task: { container }, replicated: { replicas: 0 } },
    });
    const serviceId = created.service.id;
    const scale = async (n: number): Promise<void> => {
      const { service } = await callControl(client, "getService", { serviceId });
      await callControl(client, "updateService", {
        serviceId,
        serviceVersion: service.meta?.version ?? {},
        spec: { ...service.spec, replicated: { replicas: n } },
      });
    };
    const running = async (): Promise<number> => {
      const { tasks } = await callControl(client, "listTasks", {
        filters: { serviceIds: [serviceId] },
      });
      return tasks.filter(
        (x) =>
          Number(x.status?.state ?? 0) === Number(S.TASK_STATE_RUNNING) &&
          Number(x.desiredState ?? 0) === Number(S.TASK_STATE_RUNNING),
      ).length;
    };
    const last = new Map<number, number>();
    let firstAccepted = Number.NaN;
    const stopListening = agent.onStatus((_taskId, status) => {
      const state = Number(status.state ?? 0);
      last.set(state, performance.now());
      if (state === Number(S.TASK_STATE_ACCEPTED) && Number.isNaN(firstAccepted)) firstAccepted = performance.now();
    });
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    await scale(replicas);
    const upMs = (await until(`${replicas} running tasks`, async () => (await running()) === replicas)) - t0;
    const cpu = process.cpuUsage(cpu0);
    stopListening();
    const breakdown: Breakdown = {
      firstAcceptedMs: firstAccepted - t0,
      lastReadyMs: (last.get(Number(S.TASK_STATE_READY)) ?? Number.NaN) - t0,
      lastRunningMs: (last.get(Number(S.TASK_STATE_RUNNING)) ?? Number.NaN) - t0,
      cpuMs: (cpu.user + cpu.system) / 1000,
    };
    const t1 = performance.now();
    await scale(0);
    const downMs = (await until("no running container", async () => (await runningWithLabel(label)) === 0)) - t1;
    return { upMs, downMs, breakdown };
  } finally {
    await agent?.stop();
    client.close();
    await manager.stop();
    await removeWithLabel(label);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The raw engine: `docker run -d` and `docker rm -f` through the CLI, 10 at a time. */
async function runRaw(replicas: number): Promise<Timing> {
  const label = `io.swarm-ts.bench=converge-raw-${process.pid}`;
  const names = Array.from({ length: replicas }, (_, i) => `converge-raw-${process.pid}-${i}`);
  try {
    const t0 = performance.now();
    await pool(replicas, convergeRawParallel, (i) =>
      run("docker", ["run", "-d", "--label", label, "--name", names[i]!, testImage, "sleep", "86400"]),
    );
    const upMs = performance.now() - t0;
    const t1 = performance.now();
    await pool(replicas, convergeRawParallel, (i) => run("docker", ["rm", "-f", names[i]!]));
    const downMs = performance.now() - t1;
    return { upMs, downMs };
  } finally {
    await removeWithLabel(label);
  }
}

/** Docker Swarm mode on the same engine; null when the engine is in swarm mode already (not ours to leave). */
async function runSwarm(replicas: number): Promise<Timing | null> {
  const state = (await run("docker", ["info", "--format", "{{.Swarm.LocalNodeState}}"])).stdout.trim();
  if (state !== "inactive") return null;
  const name = `converge-swarm-${process.pid}`;
  await run("docker", ["swarm", "init", "--advertise-addr", "127.0.0.1", "--listen-addr", "127.0.0.1:2377"]);
  try {
    await run("docker", [
      "service",
      "create",
      "--detach",
      "--no-resolve-image",
      "--stop-signal",
      "SIGKILL",
      "--name",
      name,
      "--replicas",
      "0",
      testImage,
      "sleep",
      "86400",
    ]);
    const runningTasks = async (): Promise<number> => {
      const tasks = (await docker.listTasks({ filters: { service: [name], "desired-state": ["running"] } })) as {
        Status?: { State?: string };
      }[];
      return tasks.filter((x) => x.Status?.State === "running").length;
    };
    const label = `com.docker.swarm.service.name=${name}`;
    const t0 = performance.now();
    await run("docker", ["service", "scale", `${name}=${replicas}`, "--detach"]);
    const upMs = (await until(`${replicas} running swarm tasks`, async () => (await runningTasks()) === replicas)) - t0;
    const t1 = performance.now();
    await run("docker", ["service", "scale", `${name}=0`, "--detach"]);
    const downMs = (await until("no running swarm container", async () => (await runningWithLabel(label)) === 0)) - t1;
    await run("docker", ["service", "rm", name]);
    return { upMs, downMs };
  } finally {
    await run("docker", ["service", "rm", name]).catch(() => undefined);
    await run("docker", ["swarm", "leave", "--force"]);
  }
}

/** Runs the benchmark; returns the table text and the JSON summary. */
export async function runConvergeBench(
  argv: readonly string[] = [],
): Promise<{ text: string; json: Record<string, unknown> }> {
  const replicas = intFlag(argv, "replicas", convergeReplicasDefault);
  const rounds = intFlag(argv, "rounds", convergeRoundsDefault);
  await ensureEngine();
  // Ours and the raw engine take turns going first, so neither always meets the engine fresh.
  const oursRuns: (Timing & { breakdown: Breakdown })[] = [];
  const rawRuns: Timing[] = [];
  for (let round = 0; round < rounds; round++) {
    if (round % 2 === 0) {
      oursRuns.push(await runOurs(replicas));
      rawRuns.push(await runRaw(replicas));
    } else {
      rawRuns.push(await runRaw(replicas));
      oursRuns.push(await runOurs(replicas));
    }
  }
  const ours = median(oursRuns);
  const raw = median(rawRuns);
  const swarmMode = await runSwarm(replicas);
  const rate = (ms: number): number => replicas / (ms / 1000);
  const row = (system: string, ms: number, rawMs: number, swarmMs: number | undefined): string[] => [
    system,
    (ms / 1000).toFixed(2),
    rate(ms).toFixed(1),
    (rate(ms) / rate(rawMs)).toFixed(2),
    swarmMs === undefined ? "-" : (rate(ms) / rate(swarmMs)).toFixed(2),
  ];
  const header = ["system", "s", "containers/s", "× raw", "× swarm"];
  const table = (label: string, rawCommand: string, pick: (x: Timing) => number): string =>
    [
      `${label}:`,
      formatTable(header, [
        row(
          "swarm-ts (manager + agent, docker executor)",
          pick(ours),
          pick(raw),
          swarmMode ? pick(swarmMode) : undefined,
        ),
        row(
          `raw engine (${rawCommand}, ${convergeRawParallel} in parallel)`,
          pick(raw),
          pick(raw),
          swarmMode ? pick(swarmMode) : undefined,
        ),
        ...(swarmMode ? [row("Docker Swarm mode", pick(swarmMode), pick(raw), pick(swarmMode))] : []),
      ]),
    ].join("\n");
  const vsRaw = rate(ours.upMs) / rate(raw.upMs);
  const vsSwarm = swarmMode ? rate(ours.upMs) / rate(swarmMode.upMs) : null;
  const text = [
    `converge: ${replicas} busybox sleep containers on the local engine` +
      (rounds > 1 ? ` (ours and raw: median of ${rounds} rounds; swarm: 1)` : ""),
    table(`scale up 0 → ${replicas}`, "docker run -d", (x) => x.upMs),
    "",
    table(`scale down ${replicas} → 0`, "docker rm -f", (x) => x.downMs),
    "",
    "swarm-ts scale-up, per round (ms after the update call): first task accepted / last created / last running on the agent / seen in ListTasks; agent+manager CPU ms",
    ...oursRuns.map(
      (x, i) =>
        `  round ${i + 1}: ${x.breakdown.firstAcceptedMs.toFixed(0)} / ${x.breakdown.lastReadyMs.toFixed(0)} / ${x.breakdown.lastRunningMs.toFixed(0)} / ${x.upMs.toFixed(0)}; cpu ${x.breakdown.cpuMs.toFixed(0)}` +
        `   (raw engine ${rawRuns[i]!.upMs.toFixed(0)})`,
    ),
    "",
    `target ≥ ${convergeTargetVsRaw}× raw: ${vsRaw >= convergeTargetVsRaw ? "met" : "missed"} (${vsRaw.toFixed(2)}×); ` +
      `target ≥ ${convergeTargetVsSwarm}× swarm: ${vsSwarm === null ? "not measured (engine already in swarm mode)" : `${vsSwarm >= convergeTargetVsSwarm ? "met" : "missed"} (${vsSwarm.toFixed(2)}×)`}`,
  ].join("\n");
  const json = {
    bench: "converge",
    replicas,
    rounds,
    oursRounds: oursRuns.map((x) => ({
      upMs: Math.round(x.upMs),
      downMs: Math.round(x.downMs),
      firstAcceptedMs: Math.round(x.breakdown.firstAcceptedMs),
      lastReadyMs: Math.round(x.breakdown.lastReadyMs),
      lastRunningMs: Math.round(x.breakdown.lastRunningMs),
      cpuMs: Math.round(x.breakdown.cpuMs),
    })),
    rawRounds: rawRuns.map((x) => ({ upMs: Math.round(x.upMs), downMs: Math.round(x.downMs) })),
    ours: { upMs: Math.round(ours.upMs), downMs: Math.round(ours.downMs) },
    raw: { upMs: Math.round(raw.upMs), downMs: Math.round(raw.downMs) },
    swarm: swarmMode ? { upMs: Math.round(swarmMode.upMs), downMs: Math.round(swarmMode.downMs) } : null,
    upVsRaw: Number(vsRaw.toFixed(3)),
    upVsSwarm: vsSwarm === null ? null : Number(vsSwarm.toFixed(3)),
    downVsRaw: Number((rate(ours.downMs) / rate(raw.downMs)).toFixed(3)),
    downVsSwarm: swarmMode ? Number((rate(ours.downMs) / rate(swarmMode.downMs)).toFixed(3)) : null,
  };
  return { text, json };
}
