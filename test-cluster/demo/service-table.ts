// What the demo shows of a deployed stack: the service table, as `swarmctl service ls` prints it.
/* eslint-disable @typescript-eslint/unbound-method -- call() invokes each method with the client as `this`. */
import * as grpc from "@grpc/grpc-js";
import { ControlClient, swarm } from "../../proto/index.js";

type Unary<Req, Res> = (req: Req, cb: (err: grpc.ServiceError | null, res?: Res) => void) => unknown;

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
