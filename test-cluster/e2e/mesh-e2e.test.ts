// Goal: the routing mesh on real swarmd processes (1 manager + 2 workers), with the process
// executor and with the Docker executor on the real dockerd: a service of 2 replicas published in
// ingress mode answers on every node's address, both tasks serve; scaled to 0 the published port
// stops answering within seconds; scaled to 1 it answers again shortly after its task is RUNNING
// (the figure is logged).
/* eslint-disable @typescript-eslint/unbound-method -- call() invokes each method with the client as `this`. */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { get as httpGet } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as grpc from "@grpc/grpc-js";
import test, { type ExecutionContext } from "ava";
import Docker from "dockerode";
import { ControlClient, swarm } from "../../proto/index.js";
import { ensureEngine, labelKeys, testImage } from "../../worker/index.js";
import { LocalCluster } from "../cluster/local-cluster.js";
import { until } from "../cluster/until.js";

type Call<Req, Res> = (req: Req, cb: (err: grpc.ServiceError | null, res?: Res) => void) => unknown;

/** A published port in the 30000s that no other test uses at the same time. */
const published = 30_000 + (process.pid % 2_000) + 500;

/**
 * One request through the mesh on a connection of its own (the mesh balances connections, not
 * requests): the body, or null when the connection fails or ends without an answer.
 */
function get(ip: string): Promise<string | null> {
  return new Promise((resolve) => {
    const req = httpGet({ host: ip, port: published, path: "/", agent: false, timeout: 2_000 }, (res) => {
      let body = "";
      res.on("data", (chunk: Buffer) => (body += chunk.toString()));
      res.on("end", () => resolve(body));
      res.on("error", () => resolve(null));
    });
    req.on("timeout", () => req.destroy());
    req.on("error", () => resolve(null));
  });
}

/** The task of each executor: an HTTP server answering its task id on the target port 8080. */
function taskSpec(executor: "process" | "docker", baseDir: string): swarm.v1.ITaskSpec {
  if (executor === "docker") {
    const serve = "mkdir -p /www && echo -n $TASK_ID > /www/index.html && exec httpd -f -p 8080 -h /www";
    return { container: { image: testImage, command: ["sh", "-c", serve], env: ["TASK_ID={{.Task.ID}}"] } };
  }
  // A process shares the node's network: it listens where the executor says (HOST, PORT).
  const script = join(baseDir, "whoami.cjs");
  writeFileSync(
    script,
    "require('http').createServer((q, s) => s.end(process.env.TASK_ID)).listen(Number(process.env.PORT), process.env.HOST);\n",
  );
  return { container: { image: "process://node", args: [script], env: ["TASK_ID={{.Task.ID}}"] } };
}

async function scenario(t: ExecutionContext, executor: "process" | "docker"): Promise<void> {
  t.timeout(240_000);
  const name = `whoami-${executor}`;
  const baseDir = mkdtempSync(join(tmpdir(), "swarm-mesh-e2e-"));
  const cluster = await LocalCluster.up({ baseDir, managers: 1, workers: 2, executor });
  const client = new ControlClient(cluster.controlTarget, grpc.credentials.createInsecure());
  t.teardown(async () => {
    client.close();
    await cluster.down({ purge: true });
    if (executor === "docker") {
      const docker = new Docker();
      const left = await docker
        .listContainers({ all: true, filters: { label: [`${labelKeys.serviceName}=${name}`] } })
        .catch(() => []);
      await Promise.all(
        left.map((c) =>
          docker
            .getContainer(c.Id)
            .remove({ force: true })
            .catch(() => undefined),
        ),
      );
    }
    rmSync(baseDir, { recursive: true, force: true });
  });
  const call = <Req, Res>(fn: Call<Req, Res>, req: Req): Promise<Res> =>
    new Promise((resolve, reject) => fn.call(client, req, (err, res) => (err ? reject(err) : resolve(res!))));
  const ips = cluster.nodes.map((n) => n.ip);

  const task = taskSpec(executor, baseDir);
  const spec = (replicas: number): swarm.v1.IServiceSpec => ({
    annotations: { name },
    task,
    replicated: { replicas },
    endpoint: {
      ports: [
        {
          targetPort: 8080,
          publishedPort: published,
          publishMode: swarm.v1.PortConfig.PublishMode.PUBLISH_MODE_INGRESS,
        },
      ],
    },
  });
  const created = await call<swarm.v1.ICreateServiceRequest, swarm.v1.CreateServiceResponse>(client.createService, {
    spec: spec(2),
  });
  const serviceId = created.service?.id ?? "";
  const running = async (): Promise<swarm.v1.ITask[]> =>
    (await call<swarm.v1.IListTasksRequest, swarm.v1.ListTasksResponse>(client.listTasks, {})).tasks.filter(
      (x) =>
        x.serviceId === serviceId &&
        Number(x.status?.state) === Number(swarm.v1.TaskState.TASK_STATE_RUNNING) &&
        Number(x.desiredState) === Number(swarm.v1.TaskState.TASK_STATE_RUNNING),
    );
  const tasks = await until("2 running tasks", async () => {
    const live = await running();
    return live.length === 2 ? live : undefined;
  });
  const taskIds = new Set(tasks.map((x) => x.id ?? ""));

  // Every node answers, and over several requests both tasks do.
  const seen = new Set<string>();
  for (const ip of ips) {
    const answer = await until(`an answer on ${ip}`, async () => (await get(ip)) ?? undefined, 20_000);
    t.true(taskIds.has(answer), `${ip} answered ${answer}`);
    seen.add(answer);
  }
  // A task is RUNNING once its process started, maybe before it listens: a refused connect moves
  // on to the other task and backs the refusing one off for a moment, so keep asking a while.
  let asked = 0;
  await until(
    "both tasks to answer",
    async () => {
      const answer = await get(ips[asked++ % ips.length]!);
      if (answer !== null) seen.add(answer);
      return seen.size >= 2 ? true : undefined;
    },
    20_000,
    50,
  ).catch(() => undefined); // the assertion below names what was seen
  t.deepEqual([...seen].filter((x) => taskIds.has(x)).sort(), [...taskIds].sort());

  const scale = async (replicas: number): Promise<void> => {
    const current = (
      await call<swarm.v1.IGetServiceRequest, swarm.v1.GetServiceResponse>(client.getService, { serviceId })
    ).service;
    await call(client.updateService, { serviceId, serviceVersion: current?.meta?.version, spec: spec(replicas) });
  };

  // Scaled to 0: no node answers any more.
  await scale(0);
  await until(
    "every node to stop answering",
    async () => {
      const answers = await Promise.all(ips.map((ip) => get(ip)));
      return answers.every((a) => a === null) ? true : undefined;
    },
    30_000,
  );

  // Scaled to 1: answers again once the new task runs.
  await scale(1);
  const [last] = await until("1 running task", async () => {
    const live = await running();
    return live.length === 1 ? live : undefined;
  });
  const runningSeenMs = Date.now();
  const answer = await until(
    "an answer from the new task",
    async () => ((await get(ips[0]!)) === last?.id ? true : undefined),
    30_000,
  );
  t.true(answer);
  t.log(`${executor}: the mesh answered ${Date.now() - runningSeenMs} ms after the task was seen RUNNING`);
  for (const ip of ips.slice(1))
    t.is(await until(`an answer on ${ip}`, async () => (await get(ip)) ?? undefined, 10_000), last?.id ?? "");
}

// Serial: both clusters use the same addresses, and the machine's two cores are shared.
test.serial("an ingress-published process service answers on every node through the mesh and follows scaling", (t) =>
  scenario(t, "process"),
);

test.serial(
  "an ingress-published container service answers on every node through the mesh and follows scaling",
  async (t) => {
    await ensureEngine();
    await scenario(t, "docker");
  },
);
