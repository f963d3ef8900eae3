// `npm run bench -- api [--seconds 10] [--clients 100] [--services 100] [--profile] [--json]`: Control API
// write throughput of a 3-manager cluster (separate processes, loopback, WAL fsync on). Each
// client loops GetService → UpdateService with the version it read (a label changes), retrying on
// a version conflict; clients are spread over the three managers (followers forward writes to the
// leader and serve reads after a ReadIndex round), then all sit on the leader. The reference is a 3-member etcd 3.4 cluster driven by the
// same load generator: puts of an encoded ServiceSpec, and the same read → compare-and-swap loop.
// A last reference row drives the update-only loop against a grpc-js server that answers from
// memory: the most this client and grpc-js allow on the machine, whatever the server behind them.
// Every row also reports the CPU time its server processes (the three managers, the three etcd
// members, the in-memory server) spent per committed write, from /proc over the measured window:
// unlike the rate, that figure does not depend on the load generator sharing the same cores.
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as grpc from "@grpc/grpc-js";
import { Etcd3 } from "etcd3";
import { swarm } from "../../proto/index.js";
import { freePort } from "../../raft/index.js";
import { intFlag } from "./bench-args.js";
import { benchAddr } from "./bench-addresses.js";
import { benchServiceSpec } from "./bench-objects.js";
import { callControl, controlClient, grpcCode } from "./control-call.js";
import { cpuProfileTop } from "./cpu-profile-top.js";
import { EtcdCluster } from "./etcd-cluster.js";
import { formatTable, type LoadResult, runClosedLoop } from "./load.js";
import { ManagerProcess } from "./manager-process.js";
import { cpuSpentMs, processesCpuMs } from "./process-cpu.js";

/** Measured time per row, seconds. */
export const apiBenchSecondsDefault = 10;
/** Concurrent clients. */
export const apiBenchClientsDefault = 100;
/** Services the clients update (client c updates service c mod services). */
export const apiBenchServicesDefault = 100;
/** Warm-up before each row. */
export const apiBenchWarmupMs = 2_000;
/** How long the server processes' idle CPU is sampled before each system's rows. */
export const apiBenchIdleMs = 3_000;
/** How long the cluster may take to elect a leader and accept writes. */
export const apiBenchLeaderMsMax = 30_000;

type Service = swarm.v1.Service;

/** One row of the result. */
interface Row {
  readonly system: string;
  readonly result: LoadResult;
  readonly conflicts: number;
  /** CPU the same server processes spent per second before the load, ms/s, summed. */
  readonly idleMsPerSecond: number;
}

/**
 * Server CPU per write net of what the servers spend idle (raft heartbeats, timers) over the same
 * window, µs: the work the writes themselves cost, whatever the rate reached on a shared machine.
 */
function netCpuUsPerWrite(row: Row): number {
  const spent = row.result.serverCpuMs.reduce((a, b) => a + b, 0);
  return ((spent - (row.idleMsPerSecond * row.result.windowMs) / 1000) * 1000) / row.result.windowOps;
}

/** What the processes spend per second with no load, ms/s, summed, sampled over apiBenchIdleMs. */
async function idleCpuMsPerSecond(pids: readonly number[]): Promise<number> {
  const before = processesCpuMs(pids);
  const t0 = performance.now();
  await new Promise((r) => setTimeout(r, apiBenchIdleMs));
  const spent = cpuSpentMs(pids, before, processesCpuMs(pids)).reduce((a, b) => a + b, 0);
  return (spent * 1000) / (performance.now() - t0);
}

/** Runs the benchmark; returns the table text and the JSON summary. */
export async function runApiBench(
  argv: readonly string[] = [],
): Promise<{ text: string; json: Record<string, unknown> }> {
  const durationMs = intFlag(argv, "seconds", apiBenchSecondsDefault) * 1000;
  const clients = intFlag(argv, "clients", apiBenchClientsDefault);
  const services = intFlag(argv, "services", apiBenchServicesDefault);
  // --profile: every manager runs under --cpu-prof; the leader's busiest functions are listed.
  const profDir = argv.includes("--profile") ? join(tmpdir(), `swarm-bench-api-prof-${process.pid}`) : null;
  const dir = mkdtempSync(join(tmpdir(), "swarm-bench-api-"));
  const rows: Row[] = [];
  let specBytes = 0;
  let leaderPid = 0;
  try {
    const swarmRows = await runSwarm(dir, { durationMs, clients, services, profDir });
    rows.push(...swarmRows.rows);
    leaderPid = swarmRows.leaderPid;
    rows.push(await runMemoryControl({ durationMs, clients, services }));
    const spec = benchServiceSpec("bench-000", 0);
    const value = Buffer.from(swarm.v1.ServiceSpec.encode(spec).finish());
    specBytes = value.length;
    rows.push(...(await runEtcd(dir, { durationMs, clients, value })));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const etcdPut = rows.find((r) => r.system.startsWith("etcd put"))!.result.perSecond;
  const etcdCas = rows.find((r) => r.system.startsWith("etcd get+txn"))!.result.perSecond;
  const etcdPutRow = rows.find((r) => r.system.startsWith("etcd put"))!;
  const etcdPutCpu = etcdPutRow.result.serverCpuUsPerOp;
  const etcdPutNet = netCpuUsPerWrite(etcdPutRow);
  const table = formatTable(
    [
      "system",
      "clients",
      "ops/s",
      "p50 ms",
      "p99 ms",
      "conflicts",
      "errors",
      "vs etcd put",
      "vs etcd CAS",
      "server CPU µs/write",
      "per process µs",
      "CPU vs etcd put",
      "idle ms/s",
      "net µs/write",
      "net vs etcd put",
      "client CPU µs/op",
    ],
    rows.map((r) => [
      r.system,
      String(r.result.concurrency),
      r.result.perSecond.toFixed(0),
      r.result.p50Ms.toFixed(1),
      r.result.p99Ms.toFixed(1),
      String(r.conflicts),
      String(r.result.errors),
      (r.result.perSecond / etcdPut).toFixed(2),
      (r.result.perSecond / etcdCas).toFixed(2),
      r.result.serverCpuUsPerOp.toFixed(0),
      perProcessUs(r.result),
      (r.result.serverCpuUsPerOp / etcdPutCpu).toFixed(2),
      r.idleMsPerSecond.toFixed(0),
      netCpuUsPerWrite(r).toFixed(0),
      (netCpuUsPerWrite(r) / etcdPutNet).toFixed(2),
      r.result.clientCpuUsPerOp.toFixed(0),
    ]),
  );
  const leaderFile = profDir
    ? readdirSync(profDir).find((f) => f.includes(`.${leaderPid}.`) && f.endsWith(".cpuprofile"))
    : undefined;
  const top = profDir && leaderFile ? cpuProfileTop(join(profDir, leaderFile)) : [];
  const profileText = top.length
    ? `\n\nleader, top self time (${profDir}):\n${formatTable(
        ["ms", "function"],
        top.map((l) => [l.selfMs.toFixed(0), l.where]),
      )}`
    : "";
  const text = `${table}\none op = one successful write (swarm-ts: GetService + UpdateService, retried on conflict; "update only": UpdateService with the version the previous update returned); value ${specBytes} bytes; target ≥ 1.0× etcd\nceiling: the update-only loop against one grpc-js process that keeps services in a map (no raft, no disk, no validation), with the same client
server CPU: user+system time of the server processes (/proc/PID/stat) over the measured window, per write completed in it; per process: largest first (the leader's); idle: the same processes' CPU per second over ${apiBenchIdleMs / 1000} s before the load; net: server CPU minus idle over the window, per write; target: swarm-ts update only ≤ 1.0× etcd put${profileText}`;
  const json = {
    bench: "api",
    durationMs,
    clients,
    services,
    specBytes,
    rows: rows.map((r) => ({
      system: r.system,
      ...r.result,
      conflicts: r.conflicts,
      idleMsPerSecond: r.idleMsPerSecond,
      netCpuUsPerWrite: netCpuUsPerWrite(r),
      netRatioEtcdPut: netCpuUsPerWrite(r) / etcdPutNet,
      ratioEtcdPut: r.result.perSecond / etcdPut,
      ratioEtcdCas: r.result.perSecond / etcdCas,
      cpuRatioEtcdPut: r.result.serverCpuUsPerOp / etcdPutCpu,
    })),
  };
  return { text, json };
}

async function runSwarm(
  dir: string,
  options: { durationMs: number; clients: number; services: number; profDir: string | null },
): Promise<{ rows: Row[]; leaderPid: number }> {
  const addrs = new Map<number, string>();
  for (const id of [1, 2, 3]) addrs.set(id, `${await benchAddr(id)}:${await freePort(await benchAddr(id))}`);
  const nodeFlags = options.profDir ? ["--cpu-prof", "--cpu-prof-dir", options.profDir] : [];
  const managers = [...addrs].map(([id, addr]) =>
    ManagerProcess.spawn({ id, dir: join(dir, `manager-${id}`), addr, peers: addrs, nodeFlags }),
  );
  const channels = new Map<string, ReturnType<typeof controlClient>>();
  const clientOf = (addr: string): ReturnType<typeof controlClient> => {
    let c = channels.get(addr);
    if (!c) channels.set(addr, (c = controlClient(addr)));
    return c;
  };
  try {
    const ready = await Promise.all(managers.map((m) => m.waitLine((l) => l.ready === true)));
    const leader = await waitForLeader(managers);
    const leaderPid = Number(ready[managers.indexOf(leader)]?.pid ?? 0);
    // Services with 0 replicas: nothing is scheduled, the benchmark measures the API and raft.
    const ids: string[] = [];
    for (let i = 0; i < options.services; i++) {
      const name = `bench-${String(i).padStart(3, "0")}`;
      const created = await callControl(clientOf(leader.addr), "createService", {
        spec: benchServiceSpec(name, 0),
      });
      ids.push(created.service.id);
    }
    // Every manager must have applied the services before followers serve reads.
    for (const m of managers) {
      for (const end = performance.now() + apiBenchLeaderMsMax; ;) {
        const list = await callControl(clientOf(m.addr), "listServices", {});
        if (list.services.length >= options.services) break;
        if (performance.now() > end) throw new Error(`manager ${m.addr} did not catch up`);
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    const addrList = managers.map((m) => m.addr);
    const serverPids = [leader, ...managers.filter((m) => m !== leader)].map((m) => m.pid);
    const idleMsPerSecond = await idleCpuMsPerSecond(serverPids);
    const rows: Row[] = [];
    for (const [system, addrOf, carry] of [
      ["swarm-ts, clients on 3 managers", (c: number) => addrList[c % addrList.length]!, false],
      ["swarm-ts, clients on the leader", () => leader.addr, false],
      // One RPC per write, as an etcd put: the client keeps the service that UpdateService returns
      // and reads again only after a conflict.
      ["swarm-ts update only, on the leader", () => leader.addr, true],
    ] as const) {
      rows.push(
        await runServiceUpdates(system, {
          ...options,
          ids,
          carry,
          serverPids,
          idleMsPerSecond,
          clientOf: (c) => clientOf(addrOf(c)),
        }),
      );
    }
    return { rows, leaderPid };
  } finally {
    for (const c of channels.values()) c.close();
    await Promise.all(managers.map((m) => m.stop()));
  }
}

/**
 * Closed loop of service updates: each client reads its service (unless it kept the one its last
 * update returned, `carry`) and updates a label with the version it holds, reading again after a
 * version conflict.
 */
async function runServiceUpdates(
  system: string,
  options: {
    durationMs: number;
    clients: number;
    ids: readonly string[];
    carry: boolean;
    serverPids: readonly number[];
    idleMsPerSecond: number;
    clientOf: (client: number) => ReturnType<typeof controlClient>;
  },
): Promise<Row> {
  let conflicts = 0;
  const known = new Map<number, Service>();
  const result = await runClosedLoop({
    concurrency: options.clients,
    durationMs: options.durationMs,
    warmupMs: apiBenchWarmupMs,
    serverPids: options.serverPids,
    op: async (c, n) => {
      const client = options.clientOf(c);
      const serviceId = options.ids[c % options.ids.length]!;
      for (;;) {
        // No deadline, as the etcd3 client's calls below have none (runClosedLoop bounds the run).
        const service =
          (options.carry ? known.get(c) : undefined) ??
          (await callControl(client, "getService", { serviceId }, null)).service;
        const spec = {
          ...service.spec,
          annotations: { ...service.spec.annotations, labels: { ...service.spec.annotations.labels, rev: String(n) } },
        };
        try {
          const updated = await callControl(
            client,
            "updateService",
            { serviceId, serviceVersion: service.meta.version, spec },
            null,
          );
          if (options.carry) known.set(c, updated.service);
          return;
        } catch (error) {
          if (grpcCode(error) !== grpc.status.FAILED_PRECONDITION) throw error;
          known.delete(c);
          conflicts++;
        }
      }
    },
  });
  return { system, result, conflicts, idleMsPerSecond: options.idleMsPerSecond };
}

/**
 * The ceiling: the same update-only loop against a grpc-js server that keeps services in a map
 * (no raft, no disk, no validation). No server built on this client and grpc-js does better here.
 */
async function runMemoryControl(options: { durationMs: number; clients: number; services: number }): Promise<Row> {
  const server = ManagerProcess.spawnMemoryControl(`${await benchAddr(4)}:${await freePort(await benchAddr(4))}`);
  const client = controlClient(server.addr);
  try {
    await server.waitLine((l) => l.ready === true);
    const ids: string[] = [];
    for (let i = 0; i < options.services; i++) {
      const created = await callControl(client, "createService", {
        spec: benchServiceSpec(`bench-${String(i).padStart(3, "0")}`, 0),
      });
      ids.push(created.service.id);
    }
    return await runServiceUpdates("ceiling: in-memory grpc-js server, update only", {
      ...options,
      ids,
      carry: true,
      serverPids: [server.pid],
      idleMsPerSecond: await idleCpuMsPerSecond([server.pid]),
      clientOf: () => client,
    });
  } finally {
    client.close();
    await server.stop();
  }
}

/** Each server process's CPU per write, µs, largest (in a cluster: the leader's) first, "a/b/c". */
function perProcessUs(result: LoadResult): string {
  return result.serverCpuMs
    .map((ms) => (ms * 1000) / result.windowOps)
    .sort((a, b) => b - a)
    .map((us) => us.toFixed(0))
    .join("/");
}

async function waitForLeader(managers: readonly ManagerProcess[]): Promise<ManagerProcess> {
  const end = performance.now() + apiBenchLeaderMsMax;
  for (;;) {
    const leader = managers.find((m) => m.isLeading);
    if (leader) return leader;
    if (performance.now() > end) throw new Error("no manager became leader");
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function runEtcd(dir: string, options: { durationMs: number; clients: number; value: Buffer }): Promise<Row[]> {
  const etcd = await EtcdCluster.start(join(dir, "etcd"));
  const client = new Etcd3({ hosts: etcd.endpoints });
  try {
    const idleMsPerSecond = await idleCpuMsPerSecond(etcd.pids);
    const key = (c: number): string => `service-${c}`;
    const put = await runClosedLoop({
      concurrency: options.clients,
      durationMs: options.durationMs,
      warmupMs: apiBenchWarmupMs,
      serverPids: etcd.pids,
      op: async (c) => {
        await client.put(key(c)).value(options.value);
      },
    });
    let conflicts = 0;
    const cas = await runClosedLoop({
      concurrency: options.clients,
      durationMs: options.durationMs,
      warmupMs: apiBenchWarmupMs,
      serverPids: etcd.pids,
      op: async (c) => {
        for (;;) {
          const read = await client.get(key(c)).exec();
          const rev = read.kvs[0]?.mod_revision ?? "0";
          const txn = await client
            .if(key(c), "Mod", "==", rev)
            .then(client.put(key(c)).value(options.value))
            .commit();
          if (txn.succeeded) return;
          conflicts++;
        }
      },
    });
    return [
      { system: "etcd put", result: put, conflicts: 0, idleMsPerSecond },
      { system: "etcd get+txn (CAS)", result: cas, conflicts, idleMsPerSecond },
    ];
  } finally {
    client.close();
    await etcd.close();
  }
}
