// Goal: the mesh gets endpoint sets one at a time with the newest winning, and on a real node the
// whole control plane works: a process task of an ingress-published service gets a node port, the
// manager lists it as an endpoint on the node's address, and the node's mesh receives it.
/* eslint-disable @typescript-eslint/unbound-method -- call() invokes each method with the client as `this`. */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as grpc from "@grpc/grpc-js";
import test from "ava";
import { claimLoopbackBlock, controlSocketPath, unixTarget, waitFor } from "../common/index.js";
import { ControlClient, swarm } from "../proto/index.js";
import { freePort } from "../raft/index.js";
import { feedMesh, type MeshServices } from "./mesh-feed.js";
import { SwarmNode } from "./index.js";
import { publishAddrOf } from "./swarm-node.js";

type Call<Req, Res> = (req: Req, cb: (err: grpc.ServiceError | null, res?: Res) => void) => unknown;

/** A stand-in for IngressMesh that records every set it is given. */
class RecordingMesh {
  readonly sets: MeshServices[] = [];
  /** When each set arrived (performance.now()). */
  readonly times: number[] = [];
  closed = false;
  gate: Promise<void> = Promise.resolve();
  update(services: MeshServices): Promise<void> {
    this.sets.push(services);
    this.times.push(performance.now());
    return this.gate;
  }
  close(): void {
    this.closed = true;
  }
}

const service = (serviceId: string): MeshServices[number] => ({
  serviceId,
  name: serviceId,
  ports: [],
  endpoints: [],
  balancing: "round-robin",
});

test("feedMesh applies sets one at a time, skips superseded ones, and closes the mesh", async (t) => {
  let listener: ((services: MeshServices) => void) | null = null;
  const agent = {
    endpoints: (): MeshServices => [service("a")],
    onEndpoints: (l: (services: MeshServices) => void) => ((listener = l), () => (listener = null)),
  };
  const mesh = new RecordingMesh();
  let release: () => void = () => undefined;
  mesh.gate = new Promise((resolve) => (release = resolve));
  const stop = feedMesh(agent, mesh, () => undefined);
  // The set known at start is applied; while it is, two more arrive and only the newer is applied.
  listener!([service("b")]);
  listener!([service("c")]);
  t.is(mesh.sets.length, 1);
  mesh.gate = Promise.resolve();
  release();
  await waitFor("the newest set", () => (mesh.sets.length === 2 ? true : undefined));
  t.deepEqual(
    mesh.sets.map((s) => s.map((x) => x.serviceId)),
    [["a"], ["c"]],
  );
  await stop();
  t.true(mesh.closed);
  t.is(listener, null);
});

test("a node's mesh receives its ingress service's running process tasks on the node's address", async (t) => {
  t.timeout(90_000);
  const stateDir = mkdtempSync(join(tmpdir(), "swarm-mesh-feed-"));
  const block = await claimLoopbackBlock("mesh-feed test");
  t.teardown(() => block.release());
  const ip = block.addr(1);
  const mesh = new RecordingMesh();
  const bindAddrs: string[] = [];
  const node = await SwarmNode.init({
    stateDir,
    listenAddr: `${ip}:${await freePort(ip)}`,
    publishAddr: ip,
    executor: "process",
    tickMs: 20,
    statusFlushMs: 20,
    mesh: (bindAddr) => {
      bindAddrs.push(bindAddr);
      return mesh;
    },
  });
  const client = new ControlClient(unixTarget(controlSocketPath(stateDir)), grpc.credentials.createInsecure());
  t.teardown(async () => {
    client.close();
    await node.stop();
    rmSync(stateDir, { recursive: true, force: true });
  });
  t.deepEqual(bindAddrs, [ip]);
  const call = <Req, Res>(fn: Call<Req, Res>, req: Req): Promise<Res> =>
    new Promise((resolve, reject) => fn.call(client, req, (err, res) => (err ? reject(err) : resolve(res!))));
  const script = join(stateDir, "echo-task.cjs");
  writeFileSync(
    script,
    "require('http').createServer((q, s) => s.end(process.env.TASK_ID)).listen(Number(process.env.PORT), process.env.HOST);\n",
  );
  const published = 30_000 + (process.pid % 2_000);
  const spec = {
    annotations: { name: "meshfeed" },
    task: { container: { image: "process://node", args: [script], env: ["TASK_ID={{.Task.ID}}"] } },
    replicated: { replicas: 2 },
    endpoint: {
      ports: [
        {
          targetPort: 8080,
          publishedPort: published,
          publishMode: swarm.v1.PortConfig.PublishMode.PUBLISH_MODE_INGRESS,
        },
      ],
    },
  };
  const created = await call<swarm.v1.ICreateServiceRequest, swarm.v1.CreateServiceResponse>(client.createService, {
    spec,
  });
  const serviceId = created.service?.id ?? "";
  // When the store first shows each task RUNNING, to report how long the mesh lags behind.
  const runningAt = new Map<string, number>();
  const unwatch = node.manager!.store.watch((commit) => {
    for (const e of commit.events) {
      const task = e.object as swarm.v1.Task.$Properties;
      if (
        e.kind === "task" &&
        Number(task.status?.state) === Number(swarm.v1.TaskState.TASK_STATE_RUNNING) &&
        !runningAt.has(task.id ?? "")
      )
        runningAt.set(task.id ?? "", performance.now());
    }
  });
  t.teardown(unwatch);
  const live = await waitFor(
    "two endpoints in the mesh",
    () => {
      const s = mesh.sets.at(-1)?.find((x) => x.serviceId === serviceId);
      return s && s.endpoints.length === 2 ? s : undefined;
    },
    { timeoutMs: 60_000 },
  );
  t.deepEqual(live.ports, [{ protocol: "tcp", publishedPort: published, targetPort: 8080 }]);
  const lastRunning = Math.max(...runningAt.values());
  const seen =
    mesh.times.find(
      (time, i) =>
        time >= lastRunning && (mesh.sets[i]?.find((x) => x.serviceId === serviceId)?.endpoints.length ?? 0) === 2,
    ) ?? Number.NaN;
  t.log(`mesh updated ${(seen - lastRunning).toFixed(1)} ms after the store recorded the task RUNNING`);
  for (const endpoint of live.endpoints) {
    t.is(endpoint.addr, ip);
    t.false(endpoint.draining);
    // The endpoint really is the task, listening on the node port it was given (a process task is
    // RUNNING once started, which may be a moment before it listens).
    const url = `http://${ip}:${endpoint.ports[8080] ?? 0}/`;
    const answer = await waitFor(
      `an answer on ${url}`,
      () =>
        fetch(url).then(
          (r) => r.text(),
          () => undefined,
        ),
      { timeoutMs: 10_000, pollMs: 50 },
    );
    t.is(answer, endpoint.taskId);
  }

  // Scaled to 0, the service stays with no endpoints.
  const current = (
    await call<swarm.v1.IGetServiceRequest, swarm.v1.GetServiceResponse>(client.getService, { serviceId })
  ).service;
  await call(client.updateService, {
    serviceId,
    serviceVersion: current?.meta?.version,
    spec: { ...spec, replicated: { replicas: 0 } },
  });
  await waitFor(
    "no endpoints",
    () => (mesh.sets.at(-1)?.find((x) => x.serviceId === serviceId)?.endpoints.length === 0 ? true : undefined),
    { timeoutMs: 30_000 },
  );
  t.pass();
});

// Goal: as Docker binds published ports on every interface, a node given no --publish-addr feeds a
// routing mesh bound on every address, and a node given one keeps it across restarts.
test("a node's mesh binds every address by default", async (t) => {
  t.timeout(90_000);
  const stateDir = mkdtempSync(join(tmpdir(), "swarm-mesh-addr-"));
  const block = await claimLoopbackBlock("mesh-addr test");
  t.teardown(() => {
    block.release();
    rmSync(stateDir, { recursive: true, force: true });
  });
  const ip = block.addr(1);
  const bindAddrs: string[] = [];
  const mesh = (bindAddr: string): RecordingMesh => {
    bindAddrs.push(bindAddr);
    return new RecordingMesh();
  };
  const node = await SwarmNode.init({
    stateDir,
    executor: "process",
    tickMs: 20,
    statusFlushMs: 20,
    mesh,
    listenAddr: `${ip}:${await freePort(ip)}`,
  });
  await node.stop();
  t.deepEqual(bindAddrs, ["0.0.0.0"]);
});

test("publishAddrOf takes the address given now, else the one kept from an earlier start, else every address", (t) => {
  t.is(publishAddrOf({}, {}), "0.0.0.0");
  t.is(publishAddrOf({}, { publishAddr: "127.0.0.7" }), "127.0.0.7");
  t.is(publishAddrOf({ publishAddr: "127.0.0.8" }, { publishAddr: "127.0.0.7" }), "127.0.0.8");
});
