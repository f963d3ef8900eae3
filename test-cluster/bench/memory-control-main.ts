// The api benchmark's ceiling: a process that serves the Control API's service calls from a plain
// in-memory map, with no raft, no disk and no validation, over the same grpc-js server a manager
// uses. Driven by the same load generator, it shows how many calls per second the client and
// grpc-js alone allow on this machine, whatever the server does behind them.
//   tsx test-cluster/bench/memory-control-main.ts --addr 127.0.0.1:7001
// Prints one JSON line {"ready":true,"pid":…} once it serves; exits on SIGTERM.
import * as grpc from "@grpc/grpc-js";
import { randomBytes } from "node:crypto";
import { controlService, type swarm } from "../../proto/index.js";

type Service = swarm.v1.IService;
type Callback = (error: Partial<grpc.StatusObject> | null, response?: unknown) => void;
type Call<T> = { request: T };

/** Handlers of the service calls the benchmark makes; every other method answers UNIMPLEMENTED. */
function memoryControl(): grpc.UntypedServiceImplementation {
  const services = new Map<string, Service>();
  const now = (): { seconds: number; nanos: number } => {
    const ms = Date.now();
    return { seconds: Math.floor(ms / 1000), nanos: (ms % 1000) * 1e6 };
  };
  const notFound = (id: string): Partial<grpc.StatusObject> => ({
    code: grpc.status.NOT_FOUND,
    details: `service ${id} not found`,
  });
  const handlers: Record<string, (call: Call<never>, callback: Callback) => void> = {};
  for (const method of Object.keys(controlService)) {
    handlers[method] = (_call, callback) =>
      callback({ code: grpc.status.UNIMPLEMENTED, details: `${method} is not served by the in-memory Control` });
  }
  handlers.createService = (call: Call<swarm.v1.ICreateServiceRequest>, callback) => {
    const at = now();
    const service: Service = {
      id: randomBytes(16).toString("hex"),
      meta: { version: { index: 1 }, createdAt: at, updatedAt: at },
      spec: call.request.spec ?? {},
    };
    services.set(service.id!, service);
    callback(null, { service });
  };
  handlers.getService = (call: Call<swarm.v1.IGetServiceRequest>, callback) => {
    const service = services.get(call.request.serviceId ?? "");
    callback(service ? null : notFound(call.request.serviceId ?? ""), service ? { service } : undefined);
  };
  handlers.updateService = (call: Call<swarm.v1.IUpdateServiceRequest>, callback) => {
    const { serviceId = "", serviceVersion, spec } = call.request;
    const old = services.get(serviceId ?? "");
    if (!old) return callback(notFound(serviceId ?? ""));
    const index = Number(old.meta?.version?.index ?? 0);
    if (Number(serviceVersion?.index ?? 0) !== index) {
      return callback({
        code: grpc.status.FAILED_PRECONDITION,
        details: `service ${serviceId} was changed since version ${Number(serviceVersion?.index ?? 0)}`,
      });
    }
    const service: Service = {
      ...old,
      meta: { ...old.meta, version: { index: index + 1 }, updatedAt: now() },
      spec: spec ?? {},
      previousSpec: old.spec ?? {},
    };
    services.set(serviceId ?? "", service);
    callback(null, { service });
  };
  return handlers as unknown as grpc.UntypedServiceImplementation;
}

const at = process.argv.indexOf("--addr");
const addr = at >= 0 ? process.argv[at + 1] : undefined;
if (!addr) {
  process.stderr.write("--addr is required\n");
  process.exit(2);
}
// Channelz off, as on a manager's server (raft/transport/grpc-options.ts): the ceiling must not
// carry bookkeeping the managers do not.
const server = new grpc.Server();
server.addService(controlService, memoryControl());
server.bindAsync(addr, grpc.ServerCredentials.createInsecure(), (error) => {
  if (error) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  process.stdout.write(`${JSON.stringify({ ready: true, pid: process.pid, addr })}\n`);
});
process.once("SIGTERM", () => {
  server.forceShutdown();
  process.exit(0);
});
