// Deploys the counter demo through the Control API: Redis first, the web service once Redis runs
// (its depends_on), as `swarmctl stack deploy -c examples/counter/stack.yml counter` will once the
// stack commands land; the specs here are what that stack file describes.
/* eslint-disable @typescript-eslint/unbound-method -- call() invokes each method with the client as `this`. */
import * as grpc from "@grpc/grpc-js";
import { ControlClient, swarm } from "../../proto/index.js";

/** Stack name, hence the service names counter_redis and counter_web. */
export const counterStack = "counter";

/** Port Redis listens on (loopback only). */
export const counterRedisPort = 6399;

const secondNs = 1_000_000_000;
const namespace = { "com.docker.stack.namespace": counterStack };
type Unary<Req, Res> = (req: Req, cb: (err: grpc.ServiceError | null, res?: Res) => void) => unknown;

/** The two services' specs; `webApp` is the built web.js. */
export function counterServices(webApp: string): swarm.v1.IServiceSpec[] {
  return [
    {
      annotations: { name: `${counterStack}_redis`, labels: namespace },
      task: {
        container: {
          image: "redis-server",
          args: ["--bind", "127.0.0.1", "--port", String(counterRedisPort), "--save", "", "--appendonly", "no"],
          healthcheck: { test: ["CMD", "redis-cli", "-p", String(counterRedisPort), "ping"], intervalNs: secondNs, timeoutNs: secondNs, retries: 5 },
        },
      },
      replicated: { replicas: 1 },
    },
    {
      annotations: { name: `${counterStack}_web`, labels: namespace },
      task: {
        container: {
          image: "node",
          args: [webApp],
          env: [`REDIS_URL=redis://127.0.0.1:${counterRedisPort}`, "HOST=127.0.0.1", "PORT=808{{.Task.Slot}}", "TASK_NAME={{.Task.Name}}", "SLOT={{.Task.Slot}}"],
          healthcheck: {
            test: ["CMD", "node", "-e", "fetch('http://127.0.0.1:808' + process.env.SLOT + '/healthz').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"],
            intervalNs: 2 * secondNs,
            timeoutNs: 2 * secondNs,
            retries: 3,
          },
          stopGracePeriodNs: 10 * secondNs,
        },
        restart: { condition: swarm.v1.RestartPolicy.Condition.RESTART_CONDITION_ANY, delayNs: secondNs },
      },
      replicated: { replicas: 3 },
      update: { parallelism: 1 },
    },
  ];
}

/** Creates the services in dependency order, waiting for each to run before the next. */
export async function deployCounter(target: string, webApp: string, timeoutMs: number): Promise<void> {
  const client = new ControlClient(target, grpc.credentials.createInsecure());
  const call = <Req, Res>(fn: Unary<Req, Res>, req: Req): Promise<Res> => new Promise((resolve, reject) => fn.call(client, req, (err, res) => (err ? reject(err) : resolve(res!))));
  try {
    for (const spec of counterServices(webApp)) {
      const created = await call<swarm.v1.ICreateServiceRequest, swarm.v1.CreateServiceResponse>(client.createService, { spec });
      const id = created.service?.id ?? "";
      const want = Number(spec.replicated?.replicas ?? 1);
      const end = Date.now() + timeoutMs;
      for (;;) {
        const tasks = (await call<swarm.v1.IListTasksRequest, swarm.v1.ListTasksResponse>(client.listTasks, { filters: { serviceIds: [id] } })).tasks;
        if (tasks.filter((t) => Number(t.status?.state) === Number(swarm.v1.TaskState.TASK_STATE_RUNNING)).length >= want) break;
        if (Date.now() > end) throw new Error(`${spec.annotations?.name ?? ""} did not converge within ${timeoutMs} ms: ${tasks.map((t) => t.status?.err || t.status?.message).filter(Boolean).join("; ")}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
  } finally {
    client.close();
  }
}

/** `swarmctl service ls` as a table: ID, NAME, MODE, REPLICAS, IMAGE. */
export async function serviceTable(target: string): Promise<string> {
  const client = new ControlClient(target, grpc.credentials.createInsecure());
  const call = <Req, Res>(fn: Unary<Req, Res>, req: Req): Promise<Res> => new Promise((resolve, reject) => fn.call(client, req, (err, res) => (err ? reject(err) : resolve(res!))));
  try {
    const services = (await call<swarm.v1.IListServicesRequest, swarm.v1.ListServicesResponse>(client.listServices, {})).services;
    const tasks = (await call<swarm.v1.IListTasksRequest, swarm.v1.ListTasksResponse>(client.listTasks, {})).tasks;
    const rows = [["ID", "NAME", "MODE", "REPLICAS", "IMAGE"]];
    for (const s of services) {
      const running = tasks.filter((t) => t.serviceId === s.id && Number(t.status?.state) === Number(swarm.v1.TaskState.TASK_STATE_RUNNING)).length;
      rows.push([(s.id ?? "").slice(0, 12), s.spec?.annotations?.name ?? "", "replicated", `${running}/${Number(s.spec?.replicated?.replicas ?? 0)}`, s.spec?.task?.container?.image ?? ""]);
    }
    const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
    return rows.map((r) => r.map((c, i) => c.padEnd(widths[i]! + 3)).join("").trimEnd()).join("\n");
  } finally {
    client.close();
  }
}
